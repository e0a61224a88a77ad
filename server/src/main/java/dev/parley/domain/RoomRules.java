package dev.parley.domain;

import java.util.List;
import java.util.Set;

/**
 * What moderation keeps besides the logs, loaded once at start: members' roles above member,
 * read-only rooms, room bans and mutes (expired ones included; they are judged when used).
 */
public record RoomRules(List<Role> roles, Set<String> readOnly, List<RoomSanction> sanctions) {
  public static final RoomRules NONE = new RoomRules(List.of(), Set.of(), List.of());

  /** A member's stored role. */
  public record Role(String room, String userId, RoomRole role) {}
}

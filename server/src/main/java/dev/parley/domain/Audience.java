package dev.parley.domain;

/**
 * Who receives a published frame: the members of a room (optionally not one user's own connections,
 * as for typing), one user's connections, or everyone connected.
 */
public record Audience(Kind kind, String name, String exceptUser) {

  public enum Kind {
    ROOM,
    USER,
    EVERYONE
  }

  public static Audience room(String room) {
    return new Audience(Kind.ROOM, room, null);
  }

  public static Audience roomExcept(String room, String userId) {
    return new Audience(Kind.ROOM, room, userId);
  }

  public static Audience user(String userId) {
    return new Audience(Kind.USER, userId, null);
  }

  public static Audience everyone() {
    return new Audience(Kind.EVERYONE, null, null);
  }
}

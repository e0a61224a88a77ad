package dev.parley.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The room bans and mutes that hold now: {@code sanctions} lists them for a room's moderators,
 * {@code unban} and {@code unmute} lift one before its end. Apart from {@link Moderation}, which
 * imposes them, because a moderator needs to see and undo a mistake without remembering who they
 * banned: the audit says what was done, this says what still holds. A sanction whose end has passed
 * is over: it is neither listed nor lifted (lifting it would tell the room of a ban that no longer
 * kept anyone out). Event-loop threads, as every frame; the sanctions' maps are concurrent.
 */
final class RoomSanctions {
  private final Registry registry;
  private final RoomRoles roles;
  private final RoomLog log;

  RoomSanctions(Registry registry, RoomRoles roles, RoomLog log) {
    this.registry = registry;
    this.roles = roles;
    this.log = log;
  }

  /**
   * {@code unban} or {@code unmute} with a room: lifts the sanction, tells the room and the person;
   * nothing holding, nothing changes. The answer comes once every node knows.
   */
  void lift(Session session, String name, String userId, RoomSanction.Kind kind, Runnable answer) {
    RoomState room = roles.acting(session, name, RoomRole.MODERATOR);
    UserState target = roles.target(session, room, userId, false);
    Map<String, RoomSanction> of = kind == RoomSanction.Kind.BAN ? room.bans : room.mutes;
    RoomSanction held = Moderation.current(registry, of, target.id);
    if (held != null && of.remove(target.id, held)) {
      registry.write(new Change.SanctionLifted(room.name, target.id, kind));
      Notice.Kind notice = kind == RoomSanction.Kind.BAN ? Notice.Kind.UNBAN : Notice.Kind.UNMUTE;
      Profile by = session.user.profile();
      Moderation.audit(registry, session.user, notice.wire(), room.name, target, null, null);
      registry.bus.publish(
          Audience.user(target.id), new Out.Moderated(room.name, notice.wire(), by, null, null));
      log.appendNotice(
          room.name, notice, target.profile(), new Notice.Detail(by, null, null, null, null, null));
    }
    answer.run();
  }

  /** {@code sanctions}: who is banned from and who is muted in the room now, soonest end first. */
  void list(Session session, String name, String ref) {
    RoomState room = roles.acting(session, name, RoomRole.MODERATOR);
    session.client.send(new Out.Sanctions(ref, room.name, holding(room.bans), holding(room.mutes)));
  }

  private List<Out.SanctionView> holding(Map<String, RoomSanction> of) {
    long now = registry.clock.getAsLong();
    List<Out.SanctionView> views = new ArrayList<>();
    for (RoomSanction s : of.values()) {
      if (!s.holds(now)) continue;
      views.add(
          new Out.SanctionView(
              profile(s.userId()), profile(s.by()), s.reason(), s.ts(), s.until()));
    }
    views.sort(
        Comparator.comparing(
                Out.SanctionView::until, Comparator.nullsLast(Comparator.<Long>naturalOrder()))
            .thenComparing(v -> v.user().nick()));
    return views;
  }

  /** Whoever it was, even once their account has gone (pruned): then their id stands for a name. */
  private Profile profile(String id) {
    UserState u = id == null ? null : registry.users.get(id);
    return u != null ? u.profile() : new Profile(id, id == null ? "" : id, null);
  }
}

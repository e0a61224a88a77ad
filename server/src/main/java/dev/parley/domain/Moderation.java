package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.BANNED;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.MUTED;
import static dev.parley.domain.ChatException.Code.READ_ONLY;
import static dev.parley.domain.ChatException.Code.TOO_LONG;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moderating a room: {@code kick}, {@code mute}, {@code ban} and {@code unban} with a room, and the
 * history of it all ({@code audit}); with {@link RoomRoles}, the owner's {@code role} and {@code
 * settings}. Reached through {@link Chat#moderation}.
 *
 * <p>Roles, read-only flags, bans and mutes live in each node's memory ({@link RoomState}) and are
 * written through {@link Registry#write}, so every node applies them as soon as it hears ({@link
 * Replica}); a removal from the room is the same shared {@link Change.MemberRemoved} as a leave,
 * which takes the member's connections out of the room's fan-out on every node before the room's
 * next event. Each step is a notice in the room's log (so export and catch-up carry it), a line of
 * the audit (the store's alone: {@link Change.Audited} is not shared), and a {@code moderated}
 * frame to the person acted on, saying by whom and why.
 */
public final class Moderation {
  private static final Logger LOG = LoggerFactory.getLogger(Moderation.class);

  /** The longest reason kept. */
  static final int MAX_REASON = 500;

  /** The longest mute or ban in minutes: a year. */
  static final int MAX_MINUTES = 525_600;

  /** An audit page by default, and at most. */
  static final int PAGE = 50;

  static final int MAX_PAGE = 200;

  private final Registry registry;
  private final RoomRoles roles;
  private final RoomLog log;
  private final RoomSanctions sanctions;

  Moderation(Registry registry, RoomLog log) {
    this.registry = registry;
    this.log = log;
    this.roles = new RoomRoles(registry, log);
    this.sanctions = new RoomSanctions(registry, roles, log);
  }

  /**
   * After a node missed the others' changes (Redis was away): the store's roles, read-only flags,
   * bans and mutes replace this node's, so a kick, ban or mute made meanwhile elsewhere holds here
   * too. On the bus's inbound thread, where every shared change is applied.
   */
  static void reloaded(Registry registry, RoomRules rules) {
    for (RoomState room : registry.rooms.values()) {
      room.roles.clear();
      room.readOnly = false;
      room.bans.clear();
      room.mutes.clear();
    }
    apply(registry, rules);
  }

  /** At start, before any connection: the store's roles, read-only rooms, bans and mutes. */
  void load(RoomRules rules) {
    apply(registry, rules);
  }

  private static void apply(Registry registry, RoomRules rules) {
    for (RoomRules.Role r : rules.roles()) {
      RoomState room = registry.rooms.get(r.room());
      if (room != null && r.role() != RoomRole.MEMBER) room.roles.put(r.userId(), r.role());
    }
    for (String name : rules.readOnly()) {
      RoomState room = registry.rooms.get(name);
      if (room != null) room.readOnly = true;
    }
    for (RoomSanction s : rules.sanctions()) applied(registry, s);
  }

  /** {@code role}: see {@link RoomRoles#role}. */
  public void role(Session session, String room, String userId, String role, String ref) {
    roles.role(session, room, userId, role, ref);
  }

  /** {@code settings}: see {@link RoomRoles#settings}. */
  public void settings(
      Session session, String room, String topic, Boolean readOnly, Boolean isPrivate, String ref) {
    roles.settings(session, room, topic, readOnly, isPrivate, ref);
  }

  /** {@code kick}: a moderator removes a member, who may join again. */
  public void kick(Session session, String name, String userId, String reason, String ref) {
    RoomState room = roles.acting(session, name, RoomRole.MODERATOR);
    UserState target = roles.target(session, room, userId, true);
    String why = reason(reason);
    remove(room, target);
    act(session, room, target, Notice.Kind.KICK, why, null, null);
    answerOnceShared(session, ref);
  }

  /** {@code mute}: a moderator keeps a member from sending into the room for {@code minutes}. */
  public void mute(
      Session session, String name, String userId, Long minutes, String reason, String ref) {
    if (minutes == null) throw new ChatException(BAD_REQUEST, "Field 'minutes' is required.");
    long until = until(minutes);
    RoomState room = roles.acting(session, name, RoomRole.MODERATOR);
    UserState target = roles.target(session, room, userId, true);
    String why = reason(reason);
    sanction(session, room, target, RoomSanction.Kind.MUTE, why, until);
    act(session, room, target, Notice.Kind.MUTE, why, until, minutes + " min");
    answerOnceShared(session, ref);
  }

  /**
   * {@code ban} with a room: a moderator removes the user (a member or not) and refuses their join
   * until it is lifted, or for {@code minutes} (null: until lifted).
   */
  public void ban(
      Session session, String name, String userId, String reason, Long minutes, String ref) {
    Long until = minutes == null ? null : until(minutes);
    RoomState room = roles.acting(session, name, RoomRole.MODERATOR);
    UserState target = roles.target(session, room, userId, false);
    String why = reason(reason);
    removeForGood(room, target);
    sanction(session, room, target, RoomSanction.Kind.BAN, why, until);
    act(
        session,
        room,
        target,
        Notice.Kind.BAN,
        why,
        until,
        minutes == null ? null : minutes + " min");
    answerOnceShared(session, ref);
  }

  /** {@code unban} with a room: see {@link RoomSanctions#lift}. */
  public void unban(Session session, String name, String userId, String ref) {
    sanctions.lift(
        session, name, userId, RoomSanction.Kind.BAN, () -> answerOnceShared(session, ref));
  }

  /** {@code unmute}: see {@link RoomSanctions#lift}. */
  public void unmute(Session session, String name, String userId, String ref) {
    sanctions.lift(
        session, name, userId, RoomSanction.Kind.MUTE, () -> answerOnceShared(session, ref));
  }

  /** {@code sanctions}: see {@link RoomSanctions#list}. */
  public void sanctions(Session session, String name, String ref) {
    sanctions.list(session, name, ref);
  }

  /**
   * {@code audit}: the moderation history of {@code name} (its owner, a moderator or an
   * administrator), or of every room (null: administrators only), newest first, older than {@code
   * before}.
   */
  public void audit(Session session, String name, Long before, Integer limit, String ref) {
    if (name == null) {
      if (!registry.admins.is(session.user))
        throw new ChatException(
            FORBIDDEN, "Only an administrator may see every room's history; name a room.");
    } else {
      roles.acting(session, name, RoomRole.MODERATOR);
    }
    int n = limit == null ? PAGE : Math.max(1, Math.min(MAX_PAGE, limit));
    Store store = registry.store;
    store.afterQueued( // the history includes every step this node has queued
        () ->
            store
                .audit(name, before, n + 1)
                .whenComplete(
                    (list, failure) -> {
                      if (failure != null) {
                        LOG.warn("could not read the audit of {}", name, failure);
                        session.client.send(
                            new Out.Error(ref, INTERNAL.wire(), "The history could not be read."));
                        return;
                      }
                      boolean more = list.size() > n;
                      List<AuditEntry> page = more ? list.subList(0, n) : list;
                      session.client.send(new Out.Audit(ref, List.copyOf(page), more));
                    }));
  }

  /** {@code join}: refused with {@code banned} while a room ban holds. */
  static void refuseBanned(Registry registry, RoomState room, UserState user) {
    RoomSanction ban = current(registry, room.bans, user.id);
    if (ban == null) return;
    throw new ChatException(
            BANNED,
            "You are banned from "
                + room.name
                + (ban.until() == null ? "" : " until " + Instant.ofEpochMilli(ban.until()))
                + (ban.reason() == null ? "." : ": " + ban.reason()))
        .until(ban.until())
        .reason(ban.reason());
  }

  /**
   * {@code send}: refused with {@code read_only} in a read-only room below moderator, with {@code
   * muted} while a mute holds.
   */
  static void refusePost(Registry registry, RoomState room, UserState user) {
    if (room.isDirect()) return;
    if (room.readOnly && !RoomRoles.moderates(registry, room, user))
      throw new ChatException(READ_ONLY, "Only moderators post in " + room.name + ".");
    RoomSanction mute = current(registry, room.mutes, user.id);
    if (mute == null) return;
    throw new ChatException(
            MUTED,
            "You are muted in "
                + room.name
                + (mute.until() == null ? "" : " until " + Instant.ofEpochMilli(mute.until()))
                + (mute.reason() == null ? "." : ": " + mute.reason()))
        .until(mute.until())
        .reason(mute.reason());
  }

  /** A line of the audit, written to the store only. */
  static void audit(
      Registry registry,
      UserState actor,
      String action,
      String room,
      UserState target,
      String reason,
      String detail) {
    registry.store.write(
        new Change.Audited(
            new AuditEntry(
                registry.clock.getAsLong(),
                actor.profile(),
                action,
                room,
                target == null ? null : target.profile(),
                reason,
                detail)));
  }

  /** A moderator deleted someone else's message: a line of the audit. */
  static void audited(Registry registry, Message deleted) {
    registry.store.write(
        new Change.Audited(
            new AuditEntry(
                registry.clock.getAsLong(),
                deleted.deletedBy(),
                "delete",
                deleted.room(),
                deleted.from(),
                null,
                "seq " + deleted.seq())));
  }

  /** A ban or mute made here, loaded, or heard from another node. */
  static void applied(Registry registry, RoomSanction s) {
    RoomState room = registry.rooms.get(s.room());
    if (room == null) return;
    (s.kind() == RoomSanction.Kind.BAN ? room.bans : room.mutes).put(s.userId(), s);
  }

  /** A ban or mute lifted on another node. */
  static void lifted(Registry registry, Change.SanctionLifted l) {
    RoomState room = registry.rooms.get(l.room());
    if (room == null) return;
    (l.kind() == RoomSanction.Kind.BAN ? room.bans : room.mutes).remove(l.userId());
  }

  /** The sanction of {@code userId} if it still holds; an expired one is forgotten here. */
  static RoomSanction current(
      Registry registry, java.util.Map<String, RoomSanction> of, String userId) {
    RoomSanction s = of.get(userId);
    if (s == null) return null;
    if (s.holds(registry.clock.getAsLong())) return s;
    of.remove(userId, s);
    return null;
  }

  private void sanction(
      Session session,
      RoomState room,
      UserState target,
      RoomSanction.Kind kind,
      String why,
      Long until) {
    RoomSanction s =
        new RoomSanction(
            room.name, target.id, kind, why, session.user.id, registry.clock.getAsLong(), until);
    applied(registry, s);
    registry.write(new Change.Sanctioned(s));
  }

  /** Takes the user out of the room on every node, as a leave does. */
  private void remove(RoomState room, UserState user) {
    if (removeHere(registry, room, user))
      registry.write(new Change.MemberRemoved(room.name, user.id));
  }

  /**
   * A ban takes the user out of the room on every node even where this node has not heard yet that
   * they came in: a join made on another node an instant before the ban may reach this node after
   * it, and the store must not keep that membership. The store's delete costs nothing when there is
   * no row.
   */
  private void removeForGood(RoomState room, UserState user) {
    removeHere(registry, room, user);
    registry.write(new Change.MemberRemoved(room.name, user.id));
  }

  /**
   * A ban heard from another node: a join made here before this node heard of it (while the ban was
   * on its way) is undone, here and in the store, where that join may have landed after the banning
   * node's removal. On the bus's inbound thread.
   */
  static void bannedElsewhere(Registry registry, RoomSanction ban) {
    RoomState room = registry.rooms.get(ban.room());
    UserState user = registry.users.get(ban.userId());
    if (room == null || user == null || !removeHere(registry, room, user)) return;
    registry.write(new Change.MemberRemoved(room.name, user.id));
  }

  /** Whether a membership joined after a ban that holds: another node's, heard late; ignored. */
  static boolean bannedNow(Registry registry, RoomState room, String userId) {
    return current(registry, room.bans, userId) != null;
  }

  /** This node's memory without the membership; false when it had none. */
  private static boolean removeHere(Registry registry, RoomState room, UserState user) {
    room.roles.remove(user.id);
    if (user.rooms.remove(room.name) == null) return false;
    NotifyLevels.forget(user, room);
    room.members.remove(user.id);
    registry.relist(room);
    registry.recounted.add(room.name);
    registry.subscriptions.left(room.name, user.id);
    return true;
  }

  /** The audit line, the word to the person acted on, and the notice to the room. */
  private void act(
      Session session,
      RoomState room,
      UserState target,
      Notice.Kind kind,
      String why,
      Long until,
      String detail) {
    Profile by = session.user.profile();
    audit(registry, session.user, kind.wire(), room.name, target, why, detail);
    registry.bus.publish(
        Audience.user(target.id), new Out.Moderated(room.name, kind.wire(), by, why, until));
    log.appendNotice(
        room.name, kind, target.profile(), new Notice.Detail(by, why, until, null, null, null));
  }

  /**
   * The {@code ok}, once every node has been told (in a cluster): a message the moderator sends
   * next must not reach a member removed on another node.
   */
  private void answerOnceShared(Session session, String ref) {
    registry.cluster.afterShared(() -> session.client.send(new Out.Ok(ref, null)));
  }

  private long until(long minutes) {
    if (minutes < 1 || minutes > MAX_MINUTES)
      throw new ChatException(
          BAD_REQUEST, "Field 'minutes' must be a whole number from 1 to " + MAX_MINUTES + ".");
    return registry.clock.getAsLong() + minutes * 60_000L;
  }

  private static String reason(String reason) {
    if (reason == null || reason.isBlank()) return null;
    String why = reason.strip();
    if (!Characters.isLabel(why))
      throw new ChatException(
          BAD_REQUEST, "A reason may not contain control, bidi or invisible characters.");
    if (Names.length(why) > MAX_REASON)
      throw new ChatException(TOO_LONG, "A reason is at most " + MAX_REASON + " characters.");
    return why;
  }
}

package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.FORBIDDEN;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.INVALID_ROOM;
import static dev.parley.domain.ChatException.Code.NOT_MEMBER;
import static dev.parley.domain.ChatException.Code.QUOTA;
import static dev.parley.domain.ChatException.Code.ROOM_EXISTS;
import static dev.parley.domain.ChatException.Code.TOO_LONG;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public rooms and their membership: create, join, leave, and the member counts announced at most
 * once a tick (so a crowd joining at once costs one {@code room} frame per tick, not one per join).
 * Direct conversations are rooms too, but nobody joins or leaves them: see {@link DirectRooms}.
 */
final class Rooms {
  private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);
  static final int MAX_TOPIC = Names.MAX_TOPIC;

  private final Registry registry;
  final RoomLog log;

  Rooms(Registry registry, RoomLog log) {
    this.registry = registry;
    this.log = log;
  }

  /** {@code create}: a public room, or with {@code isPrivate} one only its members know of. */
  void create(Session session, String name, String topic, boolean isPrivate, String ref) {
    if (!Names.isRoom(name)) {
      throw new ChatException(
          INVALID_ROOM,
          "A room name is 1 to 32 of a-z, 0-9, '_' and '-', starting with a letter or digit.");
    }
    String cleanTopic = topic == null ? "" : topic.strip();
    if (!Characters.isLabel(cleanTopic)) {
      throw new ChatException(
          BAD_REQUEST,
          "A topic may not contain control characters, bidi controls, invisible characters or broken ones (a lone surrogate).");
    }
    if (Names.length(cleanTopic) > MAX_TOPIC) {
      throw new ChatException(TOO_LONG, "A topic is at most " + MAX_TOPIC + " characters.");
    }
    UserState user = session.user;
    long now = registry.clock.getAsLong();
    if (registry.rooms.containsKey(name)) throw roomExists(name);
    checkRoomsPerUser(user);
    RoomQuota quota = registry.quota;
    if (!quota.reserve(user.id)) throw overQuota(quota);
    // In a cluster another node may be creating the same name this instant, or this user may be
    // creating on another node: the store decides (a single node's store answers at once, and
    // the map below and the reservation above decide).
    Change.RoomSaved saved = new Change.RoomSaved(name, cleanTopic, user.id, now, isPrivate);
    registry
        .store
        .claimRoom(saved, quota.perDay(), quota.windowStart())
        .whenComplete(
            (claim, err) -> {
              try {
                if (err != null) {
                  LOG.warn("could not claim the room name {}", name, err);
                  session.client.send(
                      new Out.Error(
                          ref, INTERNAL.wire(), "The room could not be created; try again."));
                } else if (claim == Store.RoomClaim.TAKEN) {
                  session.client.send(
                      new Out.Error(ref, ROOM_EXISTS.wire(), roomExists(name).getMessage()));
                } else if (claim == Store.RoomClaim.OVER_QUOTA) {
                  session.client.send(
                      new Out.Error(ref, QUOTA.wire(), overQuota(quota).getMessage()));
                } else {
                  RoomState room = new RoomState(name, cleanTopic, user.id, now, 0, 0);
                  room.privateRoom = isPrivate;
                  created(session, room, saved, ref);
                }
              } catch (RuntimeException e) { // whenComplete would swallow it
                LOG.error("creating the room {} failed", name, e);
                session.client.send(
                    new Out.Error(
                        ref, INTERNAL.wire(), "The room could not be created; try again."));
              } finally {
                quota.release(user.id); // recorded by now if it was created
              }
            });
  }

  private static ChatException roomExists(String name) {
    return new ChatException(ROOM_EXISTS, "There is already a room called " + name + ".");
  }

  private static ChatException overQuota(RoomQuota quota) {
    return new ChatException(
        QUOTA, "You can create at most " + quota.perDay() + " rooms a day; try again tomorrow.");
  }

  /** The name is this node's: stores the room, makes its creator a member, and answers. */
  private void created(Session session, RoomState room, Change.RoomSaved saved, String ref) {
    String name = room.name;
    UserState user = session.user;
    if (registry.rooms.putIfAbsent(name, room) != null) {
      session.client.send(new Out.Error(ref, ROOM_EXISTS.wire(), roomExists(name).getMessage()));
      return;
    }
    registry.arrived(room);
    registry.write(saved);
    registry.spoke(user);
    registry.addMember(room, user, 0);
    registry.write(new Change.RoleSet(name, user.id, RoomRole.OWNER));
    // In a cluster the answers wait until every node knows the room: it may be joined through
    // any of them as soon as anyone hears of it.
    registry.cluster.afterShared(
        () -> {
          session.client.send(new Out.Ok(ref, registry.view(room, 0, user.id)));
          registry.made.add(name); // announced to everyone with the tick's other rooms
          registry.recounted.add(name);
          log.appendNotice(name, Notice.Kind.CREATE, user.profile());
        });
  }

  void join(Session session, String name, String ref) {
    join(session, name, ref, false);
  }

  private void join(Session session, String name, String ref, boolean caughtUp) {
    if (Names.isDirect(name)) {
      throw new ChatException(FORBIDDEN, "A direct conversation cannot be joined.");
    }
    RoomState seen = name == null ? null : registry.rooms.get(name);
    if (!caughtUp
        && name != null
        && (seen == null || !registry.knows(session.user, seen))
        && registry.retryAfterCatchUp(session, ref, () -> join(session, name, ref, true))) {
      return;
    }
    enter(session, registry.visibleRoom(session.user, name), ref);
  }

  /**
   * The session's user comes into the room: {@code ok} with the room, then a {@code notice} {@code
   * join} to its members (already in: just the {@code ok}). Every way in ends here (a join, a join
   * by invite code), or in {@link #add} (an invitation by a member); the rules of who may not come
   * in (rooms per user; room bans) belong in {@link #mayEnter}, which both call.
   */
  void enter(Session session, RoomState room, String ref) {
    UserState user = session.user;
    String name = room.name;
    long readSeq = room.lastSeq;
    Long known = user.rooms.get(name);
    if (known != null) {
      session.client.send(new Out.Ok(ref, registry.view(room, known, user.id)));
      return;
    }
    mayEnter(user, room);
    Long already = user.rooms.putIfAbsent(name, readSeq);
    if (already != null) {
      session.client.send(new Out.Ok(ref, registry.view(room, already, user.id)));
      return;
    }
    registry.addMember(room, user, readSeq);
    registry.cluster.afterShared(
        () -> {
          session.client.send(new Out.Ok(ref, registry.view(room, readSeq, user.id)));
          log.appendNotice(name, Notice.Kind.JOIN, user.profile());
        });
  }

  /**
   * Brings {@code user} into the room on someone else's word ({@code invite} with {@code user}):
   * their connections get the {@code room} frame, the members a {@code notice} {@code join}. False
   * when they were in it already. Runs {@code then} once every node knows.
   */
  boolean add(UserState user, RoomState room, Runnable then) {
    if (user.rooms.containsKey(room.name)) return false;
    mayEnter(user, room);
    long readSeq = room.lastSeq;
    if (user.rooms.putIfAbsent(room.name, readSeq) != null) return false;
    registry.addMember(room, user, readSeq);
    registry.cluster.afterShared(
        () -> {
          registry.bus.publish(Audience.user(user.id), registry.changed(room));
          log.appendNotice(room.name, Notice.Kind.JOIN, user.profile());
          then.run();
        });
    return true;
  }

  /**
   * Whether {@code user} may come into the room, on any path in ({@link #enter}, {@link #add}):
   * throws the refusal. Room bans (issue 18's moderation) are to be checked here.
   */
  void mayEnter(UserState user, RoomState room) {
    Moderation.refuseBanned(registry, room, user);
    checkRoomsPerUser(user);
  }

  /**
   * Who hears of a change to the room (its {@code room} frame): its members, and everyone when the
   * change made it public, since it then joins their directory. A topic or flag of a public room is
   * not everyone's news: sent to everyone online, each change cost a frame per person, which an
   * owner could repeat at will (run 20); others see it when they next load the directory.
   */
  static Audience audience(RoomState room, boolean madePublic) {
    return madePublic ? Audience.everyone() : Audience.room(room.name);
  }

  /**
   * Refuses a user already in as many public rooms as one person may be in: each room they are in
   * is a line of every welcome they get and a place the fan-out finds them, so a user who joined
   * every room of a spammed directory would cost a welcome of megabytes per connection. Two joins
   * racing from two connections may each pass; the excess is bounded by the user's connections.
   */
  private void checkRoomsPerUser(UserState user) {
    int max = registry.settings.roomsPerUser();
    if (max == Integer.MAX_VALUE) return;
    int in = 0;
    for (String name : user.rooms.keySet()) {
      if (!Names.isDirect(name) && ++in >= max) {
        throw new ChatException(
            QUOTA,
            "You are in " + max + " rooms, the most one person may be in here; leave one first.");
      }
    }
  }

  void leave(Session session, String name, String ref) {
    if (Names.isDirect(name)) {
      registry.memberRoom(session, name); // not_found for someone else's conversation
      throw new ChatException(
          BAD_REQUEST, "A direct conversation cannot be left; hide it instead.");
    }
    UserState user = session.user;
    RoomState room = registry.visibleRoom(user, name);
    if (!room.members.remove(user.id)) {
      throw new ChatException(NOT_MEMBER, "You are not in " + name + ".");
    }
    user.rooms.remove(name);
    NotifyLevels.forget(user, room);
    room.roles.remove(user.id);
    registry.relist(room);
    registry.recounted.add(name);
    registry.subscriptions.left(name, user.id);
    registry.write(new Change.MemberRemoved(name, user.id));
    session.client.send(new Out.Ok(ref, null));
    log.appendNotice(name, Notice.Kind.LEAVE, user.profile());
  }

  /**
   * Announces the rooms made or recounted since the last tick. A public room made goes to everyone
   * (the contract: it joins their directory), all of the tick's in one gathered publish (a
   * connection that said {@code coalesce} gets one {@code batch}). A new member count goes to the
   * room's members only: sent to everyone, the counts of the rooms people joined cost every arrival
   * bytes for each person online (25 arriving a second, each joining five rooms: up to 125 counts,
   * some 15 KB, a second to each person; run 21), for a number only Browse rooms shows, and Browse
   * rooms asks for it again when it opens.
   */
  void announceCounts() {
    List<Out> toEveryone = new ArrayList<>();
    for (String name : registry.recounted) {
      registry.recounted.remove(name);
      boolean made = registry.made.remove(name);
      RoomState room = registry.rooms.get(name);
      if (room == null || room.isDirect()) continue;
      if (made && !room.isPrivate()) toEveryone.add(registry.changed(room));
      else registry.bus.publish(audience(room, false), registry.changed(room));
    }
    if (!toEveryone.isEmpty()) registry.bus.publishCoalesced(Audience.everyone(), toEveryone);
  }
}

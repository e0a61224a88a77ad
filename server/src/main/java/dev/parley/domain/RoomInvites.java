package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_INVITE;
import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.NOT_FOUND;
import static dev.parley.domain.ChatException.Code.SLOW_DOWN;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Invitations to a room: {@code invite} with {@code user} brings that person in at once; without,
 * it makes a code (a link) that {@code join} with {@code invite} takes; {@code invites} lists a
 * room's open codes and {@code uninvite} revokes one. How a private room gets members at all.
 *
 * <p>Codes are the server's invites ({@link Invites}, stored by their hash, their uses counted by
 * the store so that two nodes cannot both take the last one), carrying a room; under {@code
 * --registration invite} a room's code also admits a new user ({@link Registration}). Who may
 * invite: a member of the room (for a private room anyone else meets {@code not_found}, as for a
 * room that does not exist). Every way in goes through {@link Rooms#mayEnter}, so whatever refuses
 * a {@code join} (room bans) refuses an invitation or a code too. A code without a room stays the
 * administrators' ({@link Registration#invite}).
 *
 * <p>Bounds: a code admits 1 to {@link #MAX_USES} people for a minute to {@link #MAX_MILLIS}; a
 * room has at most {@link #MAX_LIVE_PER_ROOM} open codes; a user makes at most {@link #BURST}
 * invitations and codes at once, then one every {@link #EVERY_SECONDS} s ({@code slow_down}).
 */
public final class RoomInvites {
  static final int MAX_USES = Registration.MAX_USES;
  static final long MAX_MILLIS = 30L * 24 * 60 * 60 * 1000;
  static final long DEFAULT_MILLIS = 7L * 24 * 60 * 60 * 1000;
  static final int MAX_LIVE_PER_ROOM = 100;
  static final int BURST = 20;
  static final int EVERY_SECONDS = 30;

  private final Registry registry;
  private final Rooms rooms;
  private final Registration registration;

  /** Each inviter's allowance, by user id; any thread. */
  private final Map<String, TokenBucket> allowances = new ConcurrentHashMap<>();

  RoomInvites(Registry registry, Rooms rooms, Registration registration) {
    this.registry = registry;
    this.rooms = rooms;
    this.registration = registration;
  }

  /**
   * {@code invite}: with {@code userId}, brings that user into {@code room} (reply {@code ok});
   * without, makes a code (reply {@code ok} with {@code code}, {@code url}, {@code expires}); a
   * code without a room is an invite to the server (administrators only).
   */
  public void invite(
      Session session, String room, String userId, Long uses, Long minutes, String ref) {
    invite(session, room, userId, uses, minutes, ref, false);
  }

  private void invite(
      Session session,
      String room,
      String userId,
      Long uses,
      Long minutes,
      String ref,
      boolean caughtUp) {
    if (room == null) {
      if (userId != null)
        throw new ChatException(BAD_REQUEST, "Say which room to invite them into.");
      registration.invite(session, uses, minutes, ref);
      return;
    }
    RoomState r = registry.memberRoom(session, room);
    if (r.isDirect())
      throw new ChatException(BAD_REQUEST, "Nobody can be invited into a direct conversation.");
    if (userId != null) {
      UserState other = registry.users.get(userId);
      if (other == null
          && !caughtUp
          && registry.retryAfterCatchUp(
              session, ref, () -> invite(session, room, userId, uses, minutes, ref, true))) {
        return; // a user another node made an instant ago
      }
      if (other == null)
        throw new ChatException(NOT_FOUND, "There is nobody with the id " + userId + ".");
      spend(session.user);
      Runnable answer = () -> session.client.send(new Out.Ok(ref, null));
      if (!rooms.add(other, r, answer)) answer.run(); // already in: nothing to do
      return;
    }
    int n = uses == null ? 1 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, uses));
    long millis =
        minutes == null ? DEFAULT_MILLIS : Math.max(0, Math.min(MAX_MILLIS + 1, minutes)) * 60_000;
    if (n < 1 || n > MAX_USES)
      throw new ChatException(BAD_REQUEST, "An invite admits 1 to " + MAX_USES + " people.");
    if (millis < 60_000 || millis > MAX_MILLIS)
      throw new ChatException(BAD_REQUEST, "An invite to a room lasts from a minute to 30 days.");
    spend(session.user);
    long now = registry.clock.getAsLong();
    Registration.store(
            registry.store.invites(), session.user.id, n, millis, now, r.name, MAX_LIVE_PER_ROOM)
        .whenComplete(
            (code, failure) -> {
              if (failure != null) {
                refuse(session, ref, Registration.refusalOf(failure));
              } else {
                Out.Invited made = new Out.Invited(code, registration.roomLink(code), now + millis);
                session.client.send(new Out.Ok(ref, null, made));
              }
            });
  }

  /**
   * {@code join} with {@code invite}: the code's room, for the session's user, on the rules of
   * every join. Already in it: {@code ok}, and the code keeps its use.
   */
  public void join(Session session, String code, String ref) {
    join(session, code, ref, false);
  }

  private void join(Session session, String code, String ref, boolean caughtUp) {
    String hash = Registration.hashOf(code);
    if (hash == null) throw badInvite();
    long now = registry.clock.getAsLong();
    Invites invites = registry.store.invites();
    then(
        session,
        ref,
        invites.find(hash, now),
        found -> {
          RoomState room = found == null || found.room() == null ? null : roomOf(found);
          if (room == null
              && found != null
              && found.room() != null
              && !caughtUp
              && registry.retryAfterCatchUp(session, ref, () -> join(session, code, ref, true))) {
            return; // a room another node made an instant ago
          }
          if (room == null) throw badInvite();
          Long readSeq = session.user.rooms.get(room.name);
          if (readSeq != null) {
            session.client.send(new Out.Ok(ref, registry.view(room, readSeq, session.user.id)));
            return;
          }
          rooms.mayEnter(session.user, room);
          then(
              session,
              ref,
              invites.take(hash, registry.clock.getAsLong()),
              taken -> {
                if (taken == null) throw badInvite();
                try {
                  rooms.enter(session, room, ref);
                } catch (ChatException e) {
                  invites.giveBack(hash);
                  throw e;
                }
              });
        });
  }

  /** {@code invites}: the room's open codes, for its members. */
  public void list(Session session, String room, String ref) {
    RoomState r = registry.memberRoom(session, room);
    then(
        session,
        ref,
        registry.store.invites().live(r.name, registry.clock.getAsLong()),
        live -> {
          List<Out.InviteView> views = new ArrayList<>(live.size());
          for (Invites.Invite i : live) {
            views.add(
                new Out.InviteView(
                    i.id(), i.createdBy(), i.created(), i.expires(), i.maxUses(), i.usesLeft()));
          }
          session.client.send(new Out.RoomInvites(ref, r.name, views));
        });
  }

  /**
   * {@code uninvite}: revokes a code (the code itself, or its {@code id} from {@code invites}): a
   * member of its room may; a code without a room, an administrator. Anything else, or a code that
   * no longer admits anyone: {@code bad_invite}.
   */
  public void revoke(Session session, String code, String ref) {
    String hash = Registration.hashOf(code);
    String key = hash != null ? hash : code == null ? "" : code.strip();
    Invites invites = registry.store.invites();
    then(
        session,
        ref,
        invites.find(key, registry.clock.getAsLong()),
        found -> {
          boolean may =
              found != null
                  && (found.room() == null
                      ? registration.mayInvite(session.user)
                      : roomOf(found) != null && session.user.rooms.containsKey(found.room()));
          if (!may) throw badInvite();
          then(
              session,
              ref,
              invites.revoke(found.codeHash()),
              gone -> session.client.send(new Out.Ok(ref, null)));
        });
  }

  /** The invite's room if it still exists. */
  private RoomState roomOf(Invites.Invite invite) {
    return registry.rooms.get(invite.room());
  }

  /** Takes one of the user's invitations, or refuses with {@code slow_down}. */
  private void spend(UserState user) {
    long now = System.nanoTime();
    TokenBucket bucket =
        allowances.computeIfAbsent(user.id, id -> new TokenBucket(1.0 / EVERY_SECONDS, BURST, now));
    if (!bucket.take(now)) {
      long wait = Math.max(1, (bucket.nanosUntilToken(now) + 999_999_999L) / 1_000_000_000L);
      throw new ChatException(
          SLOW_DOWN,
          "You have sent many invitations in a short time; try again in " + wait + " s.",
          wait);
    }
  }

  private static ChatException badInvite() {
    return new ChatException(
        BAD_INVITE, "That invite is unknown, expired or used up; ask for a new one.");
  }

  /**
   * Runs {@code step} with what the store answered (on the store's thread), sending its refusal, or
   * {@code internal} when the store failed, to the session.
   */
  private static <T> void then(
      Session session, String ref, CompletableFuture<T> answer, Consumer<T> step) {
    answer.whenComplete(
        (value, failure) -> {
          try {
            if (failure != null) throw new ChatException(INTERNAL, "Could not reach the invites.");
            step.accept(value);
          } catch (ChatException e) {
            refuse(session, ref, e);
          } catch (RuntimeException e) {
            refuse(session, ref, new ChatException(INTERNAL, "Could not use the invite."));
          }
        });
  }

  private static void refuse(Session session, String ref, ChatException e) {
    session.client.send(
        new Out.Error(
            ref, e.code().wire(), e.getMessage(), e.retryAfter() > 0 ? e.retryAfter() : null));
  }
}

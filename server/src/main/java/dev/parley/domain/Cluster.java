package dev.parley.domain;

import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * What the nodes of a cluster must agree on beyond fan-out ({@link Bus}): each room's events in one
 * seq order and its changes to messages in one rev order, the changes to users, rooms and
 * memberships, who is online where, and which nick is whose. A node of its own has nobody to agree
 * with ({@link #ALONE}); the cluster's implementation goes through Redis.
 *
 * <p>When {@link #clustered}, a new event of a room's log goes to {@link #publishEvent} and comes
 * back on every node, this one included, in seq order through {@link Log#logged}; a change to a
 * message goes to {@link #publishAmended}; each change to users, rooms and memberships to {@link
 * #share}, applied on the other nodes through {@link Log#changed}.
 */
public interface Cluster {

  /** A node of its own. */
  Cluster ALONE = new Alone();

  /**
   * Whether other nodes share this node's users, rooms and logs: events then come back through
   * {@link Log#logged} in one order with theirs instead of being delivered as this node commits
   * them, and a token or room unknown here may be another node's of an instant ago.
   */
  boolean clustered();

  /**
   * A new event this node's store committed, on the writer thread (per room in seq order). Only
   * when {@link #clustered}: handed back through {@link Log#logged}, in seq order with the other
   * nodes' events, and delivered to the room's members.
   */
  void publishEvent(Event event);

  /**
   * Only when {@link #clustered}: a stored change to a message; {@code frame} goes to the room's
   * members in rev order with the other nodes' changes, and {@link Log#amended} learns the message
   * as it now is (for the room tails, this node's included).
   */
  void publishAmended(Message message, Out frame);

  /** A change to users, rooms or memberships this node has just queued to the store. */
  void share(Change change);

  /**
   * Runs {@code then} once every change shared so far is stored and has reached the other nodes (at
   * once on a node of its own): an answer that lets a client go to another node with what it learnt
   * (a new user's token, a new room) waits for this.
   */
  void afterShared(Runnable then);

  /**
   * Runs {@code then} once every event this node has published so far has been handed to its own
   * connections (at once on a node of its own, which delivers as it commits).
   */
  void afterDelivered(Runnable then);

  /**
   * Runs {@code then} once this node has applied everything the other nodes had shared before this
   * call (at once on a node of its own): for a request that names something this node does not know
   * yet (a room created, a token issued elsewhere an instant ago), before it is refused.
   */
  void catchUp(Runnable then);

  /**
   * This node's own status of a user changed: online or away while it has a connection here,
   * offline when none is left. Called under the user's monitor, so calls for one user come in
   * order. The other nodes hear of it through {@link Log#seen}.
   */
  void status(String userId, Status status);

  /**
   * Whether some connection of the user on this node has its page visible now (Web Push holds its
   * pushes while one has, on any node). Nothing to share on a node of its own.
   */
  default void visible(String userId, boolean visible) {}

  /**
   * Claims the lower-cased {@code nick} for {@code userId} on every node: {@code then} gets false
   * when another user online on some node (or claiming it an instant ago) holds it, on any thread.
   */
  void claimNick(String nick, String userId, Consumer<Boolean> then);

  /**
   * Lets go of a claim of {@link #claimNick}: when {@code renamed}, at once; otherwise only if the
   * user is online on no node any more.
   */
  void releaseNick(String nick, String userId, boolean renamed);

  /** The domain's side of a cluster: what other nodes did, and events back in order. */
  interface Log {
    /**
     * The seq of the room's latest event this node has delivered; -1 for a room it does not know.
     */
    long lastSeq(String room);

    /**
     * The room's latest rev (change to a message) this node knows of; -1 for a room it does not
     * know.
     */
    long lastRev(String room);

    /** The room's next event, in seq order, just before it reaches this node's sockets. */
    void logged(Event event);

    /** A change to a message, in rev order, just before it reaches this node's sockets. */
    void amended(Message message);

    /** Another node stored a change to users, rooms or memberships. */
    void changed(Change change);

    /** A user's status on another node changed (offline: no connection left there). */
    void seen(String node, String userId, Status status);

    /** A node stopped (its heartbeat ran out): none of its users is online there any more. */
    void gone(String node);

    /** The nick of a user this node knows, or null: what a node claims again for its users. */
    String nick(String userId);

    /**
     * The store as it is now, read after this node lost and regained the other nodes (Redis went
     * away and came back): the changes they published meanwhile may never have reached it. {@code
     * touched} tells the memberships (room, user id) changed here or heard of since the read was
     * asked for: the snapshot may be older than those.
     */
    void reloaded(Snapshot snapshot, BiPredicate<String, String> touched);

    /**
     * Right after {@link #reloaded}: every passkey the store holds now. {@code touched} tells the
     * passkey ids registered, used or removed here or heard of since the read was asked for: the
     * store's rows may be older than those.
     */
    void passkeysReloaded(
        java.util.List<Passkey> stored, java.util.function.Predicate<String> touched);

    /**
     * The store's roles, read-only flags, room bans and mutes, read back after this node missed
     * what the others published (Redis was away): they replace what this node held.
     */
    default void roomRulesReloaded(RoomRules rules) {}
  }
}

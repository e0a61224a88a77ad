package dev.parley.domain;


/**
 * Carries published frames to every node's connections. The embedded implementation hands
 * them straight to this process's fan-out; the cluster one goes through Redis. A frame is
 * encoded once here, and every node delivers those same bytes.
 *
 * <p>Order: frames published from one thread reach each connection in the order published.
 *
 * <p>A cluster bus ({@link #ordersEvents} true) also carries what the other nodes must know:
 * each new event of a room's log ({@link #publishEvent}), to be handed back on every node, this
 * one included, in seq order through {@link Log#logged}; each change to a message
 * ({@link #publishAmended}); and each change to users, rooms and memberships ({@link #share}),
 * applied on the other nodes through {@link Log#changed}.
 */
public interface Bus extends AutoCloseable {

  void publish(Audience to, Out frame);

  /**
   * Publishes frames gathered over a tick ({@link Coalescer}): connections that asked for
   * batches get one {@link Out.Batch} of them, the others each frame in order. This default,
   * for a bus that cannot tell them apart, sends each frame to everyone.
   */
  default void publishCoalesced(Audience to, java.util.List<Out> frames) {
    for (Out frame : frames) publish(to, frame);
  }

  /**
   * Whether events come back through {@link Log#logged} (a cluster: another node's events
   * interleave with this one's) rather than being delivered as this node commits them.
   */
  default boolean ordersEvents() {
    return false;
  }

  /**
   * A new event this node's store committed, on the writer thread (per room in seq order). Only
   * called when {@link #ordersEvents}: the bus hands it back through {@link Log#logged}, in seq
   * order with the other nodes' events, and delivers it to the room's members.
   */
  default void publishEvent(Event event) {
    throw new UnsupportedOperationException("this bus delivers events as they are committed");
  }

  /**
   * A stored change to a message: {@code frame} goes to the room's members; on the other nodes
   * {@link Log#amended} learns the message as it now is (for their room tails).
   */
  default void publishAmended(Message message, Out frame) {
    publish(Audience.room(message.room()), frame);
  }

  /** A change to users, rooms or memberships this node has just queued to the store. */
  default void share(Change change) {}

  /**
   * Runs {@code then} once every change shared so far is stored and has reached the other
   * nodes' bus (at once on a bus of one node): an answer that lets a client go to another node
   * with what it learnt (a new user's token, a new room) waits for this.
   */
  default void afterShared(Runnable then) {
    then.run();
  }

  /**
   * Runs {@code then} once every event this node has published so far has been handed to its own
   * sink (at once for a bus that delivers as it publishes; a cluster bus first puts events in
   * order on a thread of its own).
   */
  default void afterDelivered(Runnable then) {
    then.run();
  }

  /**
   * Runs {@code then} once this node has applied everything the other nodes had shared before
   * this call (at once on a bus of one node): for a request that names something this node does
   * not know yet (a room created, a token issued elsewhere an instant ago), before it is refused.
   */
  default void catchUp(Runnable then) {
    then.run();
  }

  /**
   * Presence frames this node worked out for its own connections. In a cluster every node works
   * them out from what all nodes report ({@link #status}), so a cluster bus delivers them here
   * only; this default, for a bus of one node, publishes them as gathered frames to everyone.
   */
  default void publishPresence(java.util.List<Out> frames) {
    publishCoalesced(Audience.everyone(), frames);
  }

  /**
   * This node's own status of a user changed: online or away while it has a connection here,
   * offline when none is left. Called under the user's monitor, so calls for one user come in
   * order. A cluster bus tells the other nodes ({@link Log#seen}); nothing to do on one node.
   */
  default void status(String userId, Status status) {}

  /**
   * Claims the lower-cased {@code nick} for {@code userId} on every node: {@code then} gets false
   * when another user online on some node (or claiming it an instant ago) holds it, on any thread.
   * This default, for a node of its own, accepts at once: the domain's own claims are all there is.
   */
  default void claimNick(String nick, String userId, java.util.function.Consumer<Boolean> then) {
    then.accept(true);
  }

  /**
   * Lets go of a claim of {@link #claimNick}: when {@code renamed}, at once; otherwise only if the
   * user is online on no node any more.
   */
  default void releaseNick(String nick, String userId, boolean renamed) {}

  @Override
  void close();

  /** Where a node's bus delivers: this process's sockets. */
  interface Sink {
    void deliver(Audience to, byte[] json);

    /**
     * {@code batch} to the connections that asked for batches, each of {@code each} to the
     * others. This default, for a sink that cannot tell them apart, delivers each to everyone.
     */
    default void deliverCoalesced(Audience to, java.util.List<byte[]> each, byte[] batch) {
      for (byte[] json : each) deliver(to, json);
    }
  }

  /** The domain's side of a cluster bus: what other nodes did, and events back in order. */
  interface Log {
    /** The seq of the room's latest event this node has delivered; -1 for a room it does not know. */
    long lastSeq(String room);

    /** The room's latest rev (change to a message) this node knows of; -1 for a room it does not know. */
    long lastRev(String room);

    /** The room's next event, in seq order, just before it reaches this node's sockets. */
    void logged(Event event);

    /** Another node stored a change to a message. */
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
     * away and came back): the changes they published meanwhile may never have reached it.
     * {@code touched} tells the memberships (room, user id) changed here or heard of since the
     * read was asked for: the snapshot may be older than those.
     */
    void reloaded(Snapshot snapshot, java.util.function.BiPredicate<String, String> touched);
  }
}

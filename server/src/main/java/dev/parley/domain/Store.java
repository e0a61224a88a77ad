package dev.parley.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where rooms, users and every room's log are kept. Two implementations share this contract: the
 * embedded one (an SQLite file) and the cluster one (PostgreSQL).
 *
 * <p>Why the store assigns {@code seq}: the only place where a sequence number can be both gapless
 * and crash-safe is the transaction that writes the event, and that is also the one place several
 * nodes can agree on it. Writes ({@link #append} and {@link #write}) are queued to one writer
 * thread, which groups what has arrived into one transaction and, after the commit, calls each
 * {@link Appended} back on that thread in queue order: per room that is seq order, so whoever fans
 * events out from the callback delivers them in order.
 *
 * <p>Reads ({@link #history}) run on a small bounded pool and never on the caller's thread.
 *
 * <p>Every method is abstract: a store (or a test's wrapper of one) that cannot do something says
 * so in its own code, and a wrapper cannot drop the writer's ordering ({@link #afterQueued}) by
 * inheriting a default that runs it at once.
 */
public interface Store extends AutoCloseable {

  /** Everything the domain keeps in memory, read once at start (after migrations ran). */
  Snapshot load();

  /**
   * Queues an event draft (seq 0). After the commit that writes it, {@code callback.stored} gets
   * the event with its seq. A {@link dev.parley.domain.Message} whose author already has a message
   * with the same client id is not written again: the callback gets the original with {@code
   * duplicate} true. If the transaction fails, {@code callback.failed} is called and no seq is used
   * up.
   */
  void append(Event draft, Appended callback);

  /** Queues a change to users, rooms or memberships, in order with the appends around it. */
  void write(Change change);

  /**
   * Queues a change to a stored message (edit, delete, reaction), in order with the appends around
   * it. In the transaction that writes it, the store reads the message as stored and calls {@link
   * Amendment#apply} with it and the room's next rev: the contract's rules decide there, so two
   * changes to one message can never interleave. After the commit, {@code callback.amended} gets
   * the message as it now is ({@code changed} false when the amendment changed nothing and no rev
   * was used); a refusal thrown by {@code apply} (a {@link ChatException}) or a failed transaction
   * reaches {@code callback.failed}.
   */
  void amend(Amendment amendment, Amended callback);

  /**
   * Runs {@code then} once everything queued before it has been committed and called back (on the
   * writer thread; at once when the store is closed). A store that queues nothing runs it at once.
   * Lets a connection closed for what it sent first get the answers it is owed, and the cluster
   * share a change only once it is stored: a wrapper must pass it on, never run it itself.
   */
  void afterQueued(Runnable then);

  /**
   * A page of a room's log in ascending seq. With {@code after}: the first {@code limit} events
   * after it; with {@code before}: the last {@code limit} before it; with neither: the latest
   * {@code limit}. {@code more} says whether more exist in the direction asked.
   */
  CompletableFuture<Page> history(String room, Long before, Long after, int limit);

  /**
   * A thread: the message {@code root} first, then its thread's replies after {@code after} (null:
   * from the first) in ascending seq, at most {@code limit}; {@code more} says whether more replies
   * follow. Empty when the room has no message {@code root}. On the read pool.
   */
  CompletableFuture<Page> thread(String room, long root, Long after, int limit);

  /**
   * The current state of the room's messages whose rev is above {@code sinceRev}, ascending by rev,
   * at most {@code limit}; {@code more} says whether more exist. On the read pool.
   */
  CompletableFuture<Page> changes(String room, long sinceRev, int limit);

  /**
   * The newest messages matching {@code query} among those of {@code rooms} (the domain decides
   * which rooms the asker may search; the store only filters by this list), at most {@code limit},
   * each verified and highlighted by {@link Search#match}. Reflects every commit before it: an
   * edited message is found by its new text, a deleted one never. Runs apart from the reads above
   * (a search never delays a history), within {@code budget}: once it is spent the page is partial
   * ({@link Search.Page#partial}); a search that cannot start in time, or is stopped before it
   * looked at anything, fails with {@link ChatException.Code#SEARCH_BUSY}.
   */
  CompletableFuture<Search.Page> search(
      Search.Query query, Collection<String> rooms, int limit, SearchBudget budget);

  /**
   * Queues one small step of retention, in order with the appends around it: removes, in one
   * transaction, the run of the room's oldest events each of which is at or below {@code
   * purge.throughSeq()} (too many) or has a ts before {@code purge.beforeTs()} (too old), stopping
   * at the first that is neither, at most {@code purge.max()} of them, with their reactions. Only a
   * run from the start is ever removed, so what remains is still gapless. After the commit, {@code
   * callback.purged} (on the writer thread) gets how many went and the seq of the oldest event now
   * held. A store that cannot purge refuses.
   */
  void purge(Purge purge, Purged callback);

  /**
   * The rooms whose messages ever showed the image at {@code url}, deleted and purged ones
   * included: who may fetch it. On the read pool.
   */
  CompletableFuture<Set<String>> roomsShowing(String url);

  /**
   * The link preview image called {@code name} ({@link PreviewImage#name}) and the room of the
   * message showing it, or null when no message shows it any more. On the read pool.
   */
  default CompletableFuture<PreviewImage.Stored> previewImage(String name) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Of {@code messages}, those whose author already has a stored message with the same client id
   * (in any room): the ones a restore would clash with. How {@code parley import} checks a file
   * before writing any of it. On the read pool.
   */
  CompletableFuture<List<Message>> clientIdsInUse(List<Message> messages);

  /**
   * Claims the name of a new public room before it is written, within its creator's room quota:
   * completes {@link RoomClaim#CLAIMED} for the one claim that got it (the room is then stored),
   * {@link RoomClaim#TAKEN} when a room of that name is already stored (another node of a cluster
   * created it an instant ago, which this node may not know yet), {@link RoomClaim#OVER_QUOTA} when
   * the store already holds {@code quota} public rooms of that creator created after {@code since}
   * (claims by one creator are counted one at a time, whichever node makes them). A store that only
   * one node uses may answer {@code CLAIMED} at once: the domain's own map and count have decided.
   */
  CompletableFuture<RoomClaim> claimRoom(Change.RoomSaved room, int quota, long since);

  /** How a {@link #claimRoom} ended. */
  enum RoomClaim {
    CLAIMED,
    TAKEN,
    OVER_QUOTA
  }

  /**
   * Every room's latest seq as committed (by any node), by room name. On the read pool. Lets a node
   * of a cluster notice an event whose publication it never received when nothing follows it.
   */
  CompletableFuture<java.util.Map<String, Long>> lastSeqs();

  /**
   * Every room's latest rev (change to a message) as committed, by room name. On the read pool.
   * Lets a node of a cluster notice a change whose publication it never received when nothing
   * follows it.
   */
  CompletableFuture<java.util.Map<String, Long>> lastRevs();

  /**
   * Users who never sent anything and are gone: not marked as having spoken ({@link
   * Change.UserSpoke}), with no message in any room, in no direct conversation, and last seen
   * ({@link Change.UserSeen}) and created before {@code seenBefore}. At most {@code max} ids, those
   * gone longest first. On the read pool. {@link Change.UsersPruned} removes them, checking all of
   * it again in its own transaction.
   */
  CompletableFuture<List<String>> idleUsers(long seenBefore, int max);

  /**
   * Sessions that have ended long enough to be removed ({@link EndedSessions}): revoked and last
   * used before {@code revokedBefore}, or last used before {@code expiredBefore} whatever they are.
   * At most {@code max} ids, the longest unused first. On the read pool. {@link
   * Change.SessionsRemoved} removes them, checking again that each has ended. A store without
   * sessions has none.
   */
  default CompletableFuture<List<String>> endedSessions(
      long revokedBefore, long expiredBefore, int max) {
    return CompletableFuture.completedFuture(List.of());
  }

  /**
   * Uses the sign-in code with this hash, once: through the writer, after the writes queued before
   * it (so a code just made is there). Gives the id of its user, or null for a code that is
   * unknown, used or expired at {@code now}. A store without codes knows none.
   */
  default CompletableFuture<String> useLink(String codeHash, long now) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Every registered passkey, read once at start (after {@link #load}). A store without passkeys
   * knows none.
   */
  default List<Passkey> passkeys() {
    return List.of();
  }

  /** Pins, saved messages, notification levels; a store without them keeps none. */
  default Bookmarks bookmarks() {
    return Bookmarks.NONE;
  }

  /** Per-thread read markers and a person's threads; a store without them keeps none. */
  default ThreadMarks threadMarks() {
    return ThreadMarks.NONE;
  }

  /** The invites that admit new users ({@code --registration invite}); none by default. */
  default Invites invites() {
    return Invites.NONE;
  }

  /**
   * The user an OpenID provider's person ({@code issuer}, {@code subject}) is: the one already
   * linked, or else {@code userId}, linked now. Through the writer, so that two sign-ins of the
   * same person at once (on two nodes too) agree on one user. An empty {@code userId} only looks:
   * "" for a person nobody is. A store without identities links nobody: it answers {@code userId}.
   */
  default CompletableFuture<String> claimIdentity(
      String issuer, String subject, String userId, long now) {
    return CompletableFuture.completedFuture(userId);
  }

  /**
   * Every server-wide ban ({@link Change.Banned}, lifted by {@link Change.Unbanned}), on the read
   * pool: read at start and every few seconds, so that a node hears of a ban made by the command
   * line or missed on the bus. A store without bans knows none.
   */
  default CompletableFuture<List<Snapshot.BanRow>> bans() {
    return CompletableFuture.completedFuture(List.of());
  }

  /**
   * Members' roles, read-only rooms, room bans and mutes ({@link Change.RoleSet}, {@link
   * Change.ReadOnlySet}, {@link Change.Sanctioned}), read once at start. A store without moderation
   * knows none.
   */
  default RoomRules roomRules() {
    return RoomRules.NONE;
  }

  /**
   * The moderation history ({@link Change.Audited}), newest first: of {@code room} (null: every
   * room), older than {@code before} (ms; null: up to now), at most {@code limit}. On the read
   * pool.
   */
  default CompletableFuture<List<AuditEntry>> audit(String room, Long before, int limit) {
    return CompletableFuture.completedFuture(List.of());
  }

  /** Waits for queued writes to commit, then releases connections. */
  @Override
  void close();

  /** Called on the writer thread, in queue order. */
  interface Appended {
    void stored(Event event, boolean duplicate);

    /**
     * As {@link #stored(Event, boolean)}; {@code root}: for a thread's reply, its root with the new
     * summary of its replies, changed at a rev of the same transaction (else null).
     */
    default void stored(Event event, boolean duplicate, Message root) {
      stored(event, duplicate);
    }

    void failed(Throwable cause);
  }

  /** Called on the writer thread, in queue order. */
  interface Amended {
    void amended(Message message, boolean changed);

    void failed(Throwable cause);
  }

  /** Called on the writer thread, in queue order. */
  interface Purged {
    /**
     * {@code firstSeq}: the oldest seq the room still holds ({@code lastSeq + 1} when none); {@code
     * oldestTs}: that event's ts ({@link Long#MAX_VALUE} when none).
     */
    void purged(String room, int removed, long firstSeq, long oldestTs);

    void failed(Throwable cause);
  }

  /**
   * One step of retention: see {@link Store#purge}. {@code throughSeq} 0 removes nothing by count,
   * {@code beforeTs} {@link Long#MIN_VALUE} nothing by age.
   */
  record Purge(String room, long throughSeq, long beforeTs, int max) {}

  /** A slice of a room's log. */
  record Page(List<Event> events, boolean more) {}
}

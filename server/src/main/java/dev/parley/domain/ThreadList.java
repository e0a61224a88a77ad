package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.BAD_THREAD;
import static dev.parley.domain.ChatException.Code.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads a person takes part in, and how far they read each: {@code read} with {@code thread}
 * moves their marker in one thread (kept by the store, {@link ThreadMarks#read}, so every device
 * and node agrees; every connection of theirs, on every node, gets {@code read} with {@code
 * thread}), and {@code threads} lists the threads they started, replied in or are mentioned in,
 * across the rooms they are a member of, newest reply first, with their unread counts. A room they
 * left (a private one above all) leaves their list with them.
 */
final class ThreadList {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadList.class);

  /** Threads a page holds when the request names no limit. */
  static final int DEFAULT_LIMIT = 30;

  /** The most threads a page holds. */
  static final int MAX_LIMIT = 50;

  /** The first page counts the threads with unread replies among this many most recent. */
  static final int MAX_UNREAD = 100;

  private final Registry registry;

  ThreadList(Registry registry) {
    this.registry = registry;
  }

  /** {@code read} {room, thread, seq}: my marker in the thread of root {@code thread}. */
  void read(Session session, String name, long thread, long seq, String ref) {
    RoomState room = registry.memberRoom(session, name);
    if (thread < 1 || thread > room.lastSeq)
      throw new ChatException(BAD_THREAD, "There is no thread #" + thread + " in " + name + ".");
    if (seq < 1) throw new ChatException(BAD_REQUEST, "Field 'seq' must be 1 or more.");
    UserState user = session.user;
    Client client = session.client;
    long target = Math.min(seq, room.lastSeq);
    registry
        .store
        .threadMarks()
        .read(user.id, room.name, thread, target)
        .whenComplete(
            (marker, failure) -> {
              if (failure != null) {
                LOG.warn("could not move a thread marker in {}", room.name, failure);
                client.send(
                    new Out.Error(ref, INTERNAL.wire(), "It could not be marked read; try again."));
              } else if (marker == null) {
                client.send(
                    new Out.Error(
                        ref,
                        BAD_THREAD.wire(),
                        "There is no thread #" + thread + " in " + room.name + "."));
              } else {
                registry.bus.publish(
                    Audience.user(user.id), new Out.Read(room.name, marker, false, thread));
              }
            });
  }

  /** {@code threads} {after?, limit?}: a page of my threads. */
  void threads(Session session, String after, Integer limit, String ref) {
    ThreadMarks.Cursor cursor = cursor(after);
    int n = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    int ask = cursor == null ? Math.max(MAX_UNREAD, n + 1) : n + 1;
    UserState user = session.user;
    Client client = session.client;
    Store store = registry.store;
    store.afterQueued(
        () ->
            store
                .threadMarks()
                .threads(user.id, cursor, ask)
                .whenComplete(
                    (items, failure) -> {
                      if (failure != null) {
                        LOG.warn("could not read the threads of {}", user.id, failure);
                        client.send(
                            new Out.Error(
                                ref, INTERNAL.wire(), "Threads could not be read; try again."));
                        return;
                      }
                      client.send(page(user, items, n, cursor == null, ref));
                    }));
  }

  private Out.Threads page(
      UserState user, List<ThreadMarks.Item> items, int n, boolean first, String ref) {
    List<ThreadMarks.Item> mine = new ArrayList<>(items.size());
    for (ThreadMarks.Item t : items) if (user.rooms.containsKey(t.room())) mine.add(t);
    Integer unread = null;
    if (first) {
      int count = 0;
      for (ThreadMarks.Item t : mine) if (t.unread() > 0) count++;
      unread = count;
    }
    boolean more = items.size() > n;
    List<ThreadMarks.Item> shown = mine.size() > n ? mine.subList(0, n) : mine;
    String next = null;
    if (more && !shown.isEmpty()) {
      ThreadMarks.Item last = shown.get(shown.size() - 1);
      next =
          last.root().conversation().replies().lastTs()
              + "."
              + last.root().seq()
              + "."
              + last.room();
    }
    return new Out.Threads(ref, List.copyOf(shown), next, unread);
  }

  /** The cursor {@link #page} wrote as {@code next}: "lastTs.seq.room". */
  private static ThreadMarks.Cursor cursor(String after) {
    if (after == null) return null;
    String[] parts = after.split("\\.", 3);
    try {
      if (parts.length == 3 && !parts[2].isEmpty())
        return new ThreadMarks.Cursor(Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1]));
    } catch (NumberFormatException e) {
      // below
    }
    throw new ChatException(BAD_REQUEST, "Field 'after' must be the 'next' of a threads reply.");
  }
}

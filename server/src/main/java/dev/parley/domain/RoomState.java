package dev.parley.domain;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room held in memory: its members, the seq of its latest stored event and a {@link RoomTail} of
 * its latest events.
 */
final class RoomState {
  final String name;
  final String createdBy;
  final long createdTs;
  final Set<String> members = ConcurrentHashMap.newKeySet();

  /**
   * The members who chose to be notified of every message here ({@code all}): the only ones an
   * ordinary message is pushed to, so a push walks them, not the room. Changed only through {@link
   * NotifyLevels} (by whoever sets or forgets a level); read on the writer thread.
   */
  final Set<String> notifyAll = ConcurrentHashMap.newKeySet();

  volatile String topic;

  /**
   * Set for a private room (never for a direct conversation, private by its name): see {@link
   * #isPrivate}. Written by whoever changes it (create, settings, the cluster's thread).
   */
  volatile boolean privateRoom;

  /**
   * Written by the store's writer thread after each commit (on a node of a cluster, by the bus's
   * thread as each event is delivered here in seq order).
   */
  volatile long lastSeq;

  /** The rev of the room's latest change to a message; written like {@link #lastSeq}. */
  volatile long lastRev;

  /**
   * The seq of the oldest event still stored ({@code lastSeq + 1} when none is): above 1 once
   * retention removed the start of the log. Moved by {@link #purgedBelow}: on the writer thread
   * after each purge step here, on the cluster bus's thread after one on another node.
   */
  volatile long firstSeq;

  /**
   * The ts of the oldest event still stored, as the last purge step found it; MIN_VALUE when not
   * known yet (the first sweep looks). Only purges make it newer, so it never misleads a sweep.
   */
  volatile long oldestTs = Long.MIN_VALUE;

  /** The room's own retention policy, or null: it follows the server's. */
  volatile Retention retention;

  /**
   * Members whose role is above member, by user id (the creator is the owner whether listed or not:
   * {@link RoomRoles#of}). Written by whoever applies a role change, here or from another node.
   */
  final Map<String, RoomRole> roles = new ConcurrentHashMap<>();

  /** Only moderators and the owner post ({@code settings} {@code readOnly}). */
  volatile boolean readOnly;

  /** Room bans by user id, expired ones until someone looks ({@link Moderation}). */
  final Map<String, RoomSanction> bans = new ConcurrentHashMap<>();

  /** Mutes by user id, likewise. */
  final Map<String, RoomSanction> mutes = new ConcurrentHashMap<>();

  /** The latest events, appended with {@link #lastSeq}. */
  final RoomTail tail;

  RoomState(
      String name, String topic, String createdBy, long createdTs, long lastSeq, long lastRev) {
    this(name, topic, createdBy, createdTs, lastSeq, lastRev, 1, null);
  }

  RoomState(
      String name,
      String topic,
      String createdBy,
      long createdTs,
      long lastSeq,
      long lastRev,
      long firstSeq,
      Retention retention) {
    this.name = name;
    this.topic = topic == null ? "" : topic;
    this.createdBy = createdBy;
    this.createdTs = createdTs;
    this.lastSeq = lastSeq;
    this.lastRev = lastRev;
    this.firstSeq = firstSeq;
    this.retention = retention;
    this.tail = new RoomTail(lastSeq, firstSeq);
  }

  /**
   * The store no longer holds the events below {@code seq}: the tail drops them and history starts
   * there. Returns whether that moved anything (a purge heard twice, or late, changes nothing).
   */
  synchronized boolean purgedBelow(long seq) {
    if (seq <= firstSeq) return false;
    tail.purge(seq);
    firstSeq = seq;
    return true;
  }

  boolean isDirect() {
    return Names.isDirect(name);
  }

  /**
   * Whether the room is hidden from everyone not in it: a private room or a direct conversation.
   * Every door asks this (through {@link Registry#memberRoom} and {@link Registry#visibleRoom}),
   * never {@link #isDirect}, so that to a non-member such a room is exactly one that does not
   * exist.
   */
  boolean isPrivate() {
    return privateRoom || isDirect();
  }
}

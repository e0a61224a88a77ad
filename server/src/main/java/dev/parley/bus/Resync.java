package dev.parley.bus;

import dev.parley.domain.Change;
import dev.parley.domain.Cluster;
import dev.parley.domain.Passkey;
import dev.parley.domain.RoomRules;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node back on the cluster's channel after losing Redis: every change to users, rooms,
 * memberships, passkeys and room rules (roles, bans, mutes) another node published while this one
 * was off it is lost to it, so the store's view is read and applied ({@link Cluster.Log#reloaded}).
 * Read once whatever is published next arrives (the new subscription is confirmed) and this node's
 * own queued writes are committed; a membership changed here or heard of after that point may be
 * newer than the read, so those are noted ({@link #touch}) and left as they are. Events need no
 * such thing: the sweep finds them.
 */
final class Resync {
  private static final Logger LOG = LoggerFactory.getLogger(Resync.class);

  private final Store store;

  /** Where the snapshot is applied: the bus's inbound thread. */
  private final Executor inbound;

  /** Where the store is read, off the inbound thread and off Lettuce's. */
  private final ExecutorService reads =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-cluster-reload");
            t.setDaemon(true);
            return t;
          });

  /** The memberships changed since the reload under way was asked for; null when none is. */
  private volatile Set<String> touchedMeanwhile;

  Resync(Store store, Executor inbound) {
    this.store = store;
    this.inbound = inbound;
  }

  void run(Cluster.Log log) {
    LOG.info(
        "subscribed to the cluster channel again; reading users, rooms, memberships, passkeys and room rules back from the store");
    Set<String> touched = ConcurrentHashMap.newKeySet();
    touchedMeanwhile = touched;
    store.afterQueued(
        () ->
            CompletableFuture.supplyAsync(
                    () -> new Read(store.load(), store.passkeys(), store.roomRules()), reads)
                .whenComplete(
                    (read, err) ->
                        inbound.execute(
                            () -> {
                              if (touchedMeanwhile == touched) touchedMeanwhile = null;
                              if (err != null) {
                                LOG.warn(
                                    "could not read the store back after Redis came back", err);
                                return;
                              }
                              log.reloaded(
                                  read.snapshot, (room, user) -> touched.contains(key(room, user)));
                              log.passkeysReloaded(
                                  read.passkeys, id -> touched.contains(PASSKEY + id));
                              log.roomRulesReloaded(read.rules);
                            })));
  }

  /** Notes a membership change made or heard while a reload is under way. */
  void touch(Change change) {
    Set<String> touched = touchedMeanwhile;
    if (touched == null) return;
    if (change instanceof Change.MemberAdded m) touched.add(key(m.room(), m.userId()));
    else if (change instanceof Change.MemberRemoved m) touched.add(key(m.room(), m.userId()));
    else if (change instanceof Change.PasskeySaved p) touched.add(PASSKEY + p.passkey().id());
    else if (change instanceof Change.PasskeyUsed p) touched.add(PASSKEY + p.passkeyId());
    else if (change instanceof Change.PasskeyRemoved p) touched.add(PASSKEY + p.passkeyId());
  }

  /**
   * What a reload reads: users, rooms, memberships and sessions, then passkeys, then the rooms'
   * roles, read-only flags, bans and mutes.
   */
  private record Read(Snapshot snapshot, List<Passkey> passkeys, RoomRules rules) {}

  /** Marks a touched passkey id apart from the (room, user) keys. */
  private static final String PASSKEY = "passkey\n";

  void close() {
    reads.shutdownNow();
  }

  private static String key(String room, String user) {
    return room + '\n' + user;
  }
}

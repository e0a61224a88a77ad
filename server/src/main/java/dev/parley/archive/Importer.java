package dev.parley.archive;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Restores a room from a {@link JsonArchive} export through the store's writer, in order: the
 * room, then every event with its own seq, rev and reactions. It refuses a room whose log already
 * holds events (importing twice, or over a live room, would fork its history).
 */
public final class Importer {
  /** Events queued between two waits for the writer, so a million-event file does not pile up in its queue. */
  static final int CHUNK = 1000;

  private Importer() {}

  /** Imports the export in {@code in}; returns the room and the number of events restored. */
  public static Snapshot.RoomRow importRoom(Store store, InputStream in, LongConsumer progress) throws IOException {
    Snapshot existing = store.load();
    Snapshot.RoomRow[] room = new Snapshot.RoomRow[1];
    long[] count = {0};
    long[] lastSeq = {0};
    JsonArchive.read(in, new JsonArchive.Reader() {
      @Override
      public void room(Snapshot.RoomRow r) {
        for (Snapshot.RoomRow e : existing.rooms()) {
          if (e.name().equals(r.name()) && e.lastSeq() > 0) {
            throw new IllegalStateException("the room " + r.name() + " already holds " + e.lastSeq() + " events here; import it into a database without it");
          }
        }
        room[0] = r;
        store.write(new Change.RoomSaved(r.name(), r.topic(), r.createdBy(), r.createdTs()));
      }

      @Override
      public void event(Event event) {
        store.write(new Change.Restored(event));
        lastSeq[0] = event.seq();
        if (++count[0] % CHUNK == 0) {
          settle(store);
          progress.accept(count[0]);
        }
      }
    });
    settle(store);
    progress.accept(count[0]);
    // Changes have no answer of their own: a batch the database refused shows as a log that
    // does not reach the export's end.
    long last = lastSeq[0];
    for (Snapshot.RoomRow r : store.load().rooms()) {
      if (r.name().equals(room[0].name()) && r.lastSeq() != last) {
        throw new IllegalStateException("the import of " + r.name() + " stopped at seq " + r.lastSeq() + " of " + last + "; see the log");
      }
    }
    return room[0];
  }

  /** Waits until the writer has committed everything queued so far. */
  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(5, TimeUnit.MINUTES).join();
  }
}

package dev.parley.archive;

import dev.parley.domain.Event;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * Walks a room's log page by page through {@link Store#history} and feeds a {@link RoomArchive}: at
 * most one page in memory, whatever the size of the room. It stops at the room's last seq as it was
 * when the export began, so the header and the events agree even while people talk.
 */
public final class Exporter {
  /** Events read per page. */
  static final int PAGE = 200;

  private Exporter() {}

  /**
   * Exports asynchronously: the next page is asked for only after {@code archive} took the last one
   * and {@code paced} completed (a caller streaming to a socket completes it when the bytes are
   * out), so a slow reader slows the export instead of filling memory.
   *
   * @param progress told the number of events written so far, after each page
   * @param paced called after each page; the export goes on when the future it returns completes
   */
  public static CompletableFuture<Long> export(
      Store store,
      Snapshot.RoomRow room,
      RoomArchive archive,
      LongConsumer progress,
      java.util.function.Supplier<CompletableFuture<?>> paced) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    try {
      archive.begin(room);
    } catch (IOException e) {
      done.completeExceptionally(e);
      return done;
    }
    page(store, room, archive, 0, 0, progress, paced, done);
    return done;
  }

  /** The same, for a caller that may block (the command line). */
  public static long exportNow(
      Store store, Snapshot.RoomRow room, RoomArchive archive, LongConsumer progress) {
    return export(store, room, archive, progress, () -> CompletableFuture.completedFuture(null))
        .join();
  }

  private static void page(
      Store store,
      Snapshot.RoomRow room,
      RoomArchive archive,
      long after,
      long written,
      LongConsumer progress,
      java.util.function.Supplier<CompletableFuture<?>> paced,
      CompletableFuture<Long> done) {
    if (after >= room.lastSeq()) {
      finish(archive, written, done);
      return;
    }
    store
        .history(room.name(), null, after, PAGE)
        .whenComplete(
            (page, error) -> {
              if (error != null) {
                done.completeExceptionally(error);
                return;
              }
              long last = after;
              long count = written;
              try {
                List<Event> events = page.events();
                for (Event e : events) {
                  if (e.seq() > room.lastSeq()) break;
                  archive.event(e);
                  count++;
                  last = e.seq();
                }
                progress.accept(count);
                boolean more = page.more() && !events.isEmpty() && last < room.lastSeq();
                if (!more) {
                  finish(archive, count, done);
                  return;
                }
              } catch (IOException | UncheckedIOException e) {
                done.completeExceptionally(e);
                return;
              }
              long nextAfter = last;
              long nextCount = count;
              paced
                  .get()
                  .whenComplete(
                      (x, e) -> {
                        if (e != null) done.completeExceptionally(e);
                        else
                          page(store, room, archive, nextAfter, nextCount, progress, paced, done);
                      });
            });
  }

  private static void finish(RoomArchive archive, long written, CompletableFuture<Long> done) {
    try {
      archive.end();
      done.complete(written);
    } catch (IOException e) {
      done.completeExceptionally(e);
    }
  }
}

package dev.parley.archive;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Restores a room from a {@link JsonArchive} export through the store's writer, in two passes over
 * the file.
 *
 * <p><b>Check, then write.</b> The first pass reads the whole file and writes nothing: every event
 * must keep {@link ImportCheck}'s rules, and every message's (author, client id) pair must be new,
 * in the file ({@link SeenIds}) and in the database ({@link Store#clientIdsInUse}), since the
 * database's unique index would otherwise refuse it halfway through. A refusal ({@link
 * ImportRefused}, naming the line) therefore leaves the database exactly as it was. The second pass
 * reads the file again and hands the room, then each event with its own seq, rev and reactions, to
 * the writer ({@link Change.Restored}), waiting for it every {@value #CHUNK} events so that a
 * million-event file does not pile up in its queue. It checks each event again as it goes, so
 * nothing unchecked is written even if the file changed in between (then, and only then, or if the
 * database fails, a room can be left part-written: the error says so).
 *
 * <p>A room whose log already holds events is refused (importing twice, or over a live room, would
 * fork its history). The command runs with the node stopped (it opens the store alone).
 */
public final class Importer {
  /** Events queued between two waits for the writer, and messages per client-id lookup. */
  static final int CHUNK = 1000;

  private Importer() {}

  /** Where the export is read from, once per pass. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /**
   * What the operator decides: the longest text (the server's {@code --max-text}), and whether the
   * file's authors may be users of this database (only for an export of this very server).
   */
  public record Options(int maxText, boolean trustAuthors) {}

  /** Told how far each pass has come, in events. */
  public interface Progress {
    void checked(long events);

    void written(long events);
  }

  /** Imports the export; returns the room as the database now holds it. */
  public static Snapshot.RoomRow importRoom(
      Store store, Source source, Options options, Progress progress) throws IOException {
    Snapshot target = store.load();
    check(store, target, source, options, progress);
    return write(store, target, source, options, progress);
  }

  /** The same, with one progress callback for both passes. */
  public static Snapshot.RoomRow importRoom(
      Store store, Source source, Options options, LongConsumer progress) throws IOException {
    return importRoom(
        store,
        source,
        options,
        new Progress() {
          @Override
          public void checked(long events) {
            progress.accept(events);
          }

          @Override
          public void written(long events) {
            progress.accept(events);
          }
        });
  }

  /** The first pass: every rule, every client id; writes nothing. */
  private static void check(
      Store store, Snapshot target, Source source, Options options, Progress progress)
      throws IOException {
    ImportCheck rules = new ImportCheck(target, options, System.currentTimeMillis());
    SeenIds seen = new SeenIds();
    List<Message> pending = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    long[] count = {0};
    try (InputStream in = source.open()) {
      JsonArchive.read(
          in,
          new JsonArchive.Reader() {
            @Override
            public void room(Snapshot.RoomRow room, int line) {
              rules.room(room, line);
            }

            @Override
            public void event(Event event, int line) {
              rules.event(event, line);
              if (event instanceof Message m) {
                if (!seen.add(m.from().id(), m.id())) {
                  throw new ImportRefused(
                      line,
                      "the message id '"
                          + m.id()
                          + "' of "
                          + m.from().id()
                          + " is used twice in the file");
                }
                pending.add(m);
                lines.add(line);
                if (pending.size() == CHUNK) lookUp(store, pending, lines);
                if (m.image() != null && !options.trustAuthors())
                  notShownHere(store, m.image().url(), line);
                if (m.file() != null && !options.trustAuthors())
                  notShownHere(store, m.file().url(), line);
              }
              if (++count[0] % CHUNK == 0) progress.checked(count[0]);
            }

            @Override
            public void end(int line) {
              rules.end(line);
            }
          });
    }
    lookUp(store, pending, lines);
    progress.checked(count[0]);
  }

  /**
   * Refuses an image this database already shows in some room. An upload's URL is unguessable, so a
   * file from elsewhere can only name one that was shown to its author here; shown again by an
   * imported message (in a public room, say) it would be served to that room's readers, and a
   * picture of a direct conversation would leak. An upload nobody has shown yet is known to its
   * uploader alone, so it is no such risk.
   */
  private static void notShownHere(Store store, String url, int line) {
    if (!store.roomsShowing(url).join().isEmpty()) {
      throw new ImportRefused(
          line,
          "the upload "
              + url
              + " is already shown in a room of this database"
              + " (use --trust-authors only for a file exported from this very server)");
    }
  }

  /**
   * Refuses the first of {@code pending} whose client id its author already used here; then forgets
   * them.
   */
  private static void lookUp(Store store, List<Message> pending, List<Integer> lines) {
    List<Message> taken =
        pending.isEmpty() ? List.of() : store.clientIdsInUse(List.copyOf(pending)).join();
    if (!taken.isEmpty()) {
      Message first = taken.get(0);
      int line = lines.get(pending.indexOf(first));
      throw new ImportRefused(
          line,
          "the message id '"
              + first.id()
              + "' of "
              + first.from().id()
              + " is already used by a message of theirs in this database");
    }
    pending.clear();
    lines.clear();
  }

  /** The second pass: the same rules again, and the writes. */
  private static Snapshot.RoomRow write(
      Store store, Snapshot target, Source source, Options options, Progress progress)
      throws IOException {
    ImportCheck rules = new ImportCheck(target, options, System.currentTimeMillis());
    Snapshot.RoomRow[] room = new Snapshot.RoomRow[1];
    long[] count = {0};
    long[] lastSeq = {0};
    try (InputStream in = source.open()) {
      JsonArchive.read(
          in,
          new JsonArchive.Reader() {
            @Override
            public void room(Snapshot.RoomRow r, int line) {
              rules.room(r, line);
              room[0] = r;
              store.write(
                  new Change.RoomSaved(
                      r.name(), r.topic(), r.createdBy(), r.createdTs(), r.isPrivate()));
            }

            @Override
            public void event(Event event, int line) {
              rules.event(event, line);
              store.write(new Change.Restored(event));
              lastSeq[0] = event.seq();
              if (++count[0] % CHUNK == 0) {
                settle(store);
                progress.written(count[0]);
              }
            }

            @Override
            public void end(int line) {
              rules.end(line);
            }
          });
    } catch (ImportRefused changed) {
      settle(store);
      throw new IllegalStateException(
          "the file changed while it was imported ("
              + changed.getMessage()
              + "); the room "
              + (room[0] == null ? "" : room[0].name() + " ")
              + "may be part-written: see the log");
    }
    settle(store);
    progress.written(count[0]);
    // Changes have no answer of their own: a batch the database refused shows as a log that
    // does not reach the export's end.
    long last = lastSeq[0];
    for (Snapshot.RoomRow r : store.load().rooms()) {
      if (r.name().equals(room[0].name())) {
        if (r.lastSeq() != last) {
          throw new IllegalStateException(
              "the import of "
                  + r.name()
                  + " stopped at seq "
                  + r.lastSeq()
                  + " of "
                  + last
                  + "; see the log");
        }
        return r;
      }
    }
    throw new IllegalStateException("the room " + room[0].name() + " was not written; see the log");
  }

  /** Waits until the writer has committed everything queued so far. */
  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(5, TimeUnit.MINUTES).join();
  }
}

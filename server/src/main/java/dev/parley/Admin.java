package dev.parley;

import dev.parley.archive.Exporter;
import dev.parley.archive.Importer;
import dev.parley.archive.JsonArchive;
import dev.parley.archive.RoomArchive;
import dev.parley.archive.TextArchive;
import dev.parley.archive.Unclosed;
import dev.parley.domain.Snapshot;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;

/**
 * The admin commands that work on a node's database directly: {@code parley export} and {@code
 * parley import}. They open the store the way a node does (same options), so they work on the
 * embedded SQLite file and on PostgreSQL alike.
 */
final class Admin {
  private Admin() {}

  /** Where the database is: the same two options as {@code serve}. */
  static final class Database {
    @Option(
        names = "--data-dir",
        defaultValue = "${env:PARLEY_DATA_DIR:-data}",
        description =
            "Folder of the SQLite file (parley.db). Env PARLEY_DATA_DIR. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
        names = "--db",
        defaultValue = "${env:PARLEY_DB}",
        description =
            "JDBC URL of another database (PostgreSQL). Env PARLEY_DB. Default: the SQLite file in the data folder.")
    String db;

    SqlStore open() {
      return SqlStore.open(jdbcUrl(), new SimpleMeterRegistry());
    }

    /** The JDBC URL these options name, as {@code serve} reads them. */
    String jdbcUrl() {
      return ParleyConfig.defaults()
          .withDataDir(dataDir)
          .withDb(db == null || db.isBlank() ? null : db)
          .jdbcUrl();
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write one room's whole log to a file or standard output: json (lossless, for import) or txt (for people).")
  static final class Export implements Callable<Integer> {
    @Option(names = "--room", required = true, description = "The room, e.g. general or dm:u1:u2.")
    String room;

    @Option(
        names = "--format",
        defaultValue = "json",
        description = "json or txt. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", description = "File to write; default: standard output.")
    Path out;

    @Option(
        names = "--tz",
        description =
            "Time zone of the txt timestamps (e.g. Europe/Paris). Default: this machine's.")
    String tz;

    @picocli.CommandLine.Mixin Database database = new Database();

    @Override
    public Integer call() throws IOException {
      RoomArchive.Format f = RoomArchive.Format.of(format);
      if (f == null) {
        System.err.println("parley export: --format is json or txt, not " + format);
        return 2;
      }
      try (SqlStore store = database.open()) {
        Snapshot.RoomRow row =
            store.load().rooms().stream()
                .filter(r -> r.name().equals(room))
                .findFirst()
                .orElse(null);
        if (row == null) {
          System.err.println("parley export: there is no room called " + room);
          return 1;
        }
        try (OutputStream os =
            out == null
                ? new Unclosed(new BufferedOutputStream(System.out, 1 << 16))
                : new BufferedOutputStream(Files.newOutputStream(out))) {
          RoomArchive archive =
              f == RoomArchive.Format.JSON
                  ? new JsonArchive(os)
                  : new TextArchive(os, tz == null ? ZoneId.systemDefault() : ZoneId.of(tz), "");
          Progress progress = new Progress("exporting " + room, row.lastSeq());
          long n = Exporter.exportNow(store, row, archive, progress::show);
          progress.done(n + " events written" + (out == null ? "" : " to " + out));
        }
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Restore a room from a json export into this database (stop the node that uses it first). "
              + "The file is checked whole before anything is written: it keeps the rules of live traffic, and the "
              + "people it names must be strangers to this database.")
  static final class Import implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A file written by parley export --format json.")
    Path file;

    @Option(
        names = "--max-text",
        defaultValue = "${env:PARLEY_MAX_TEXT:-8000}",
        description =
            "Longest message text in characters, as the server's --max-text. Env PARLEY_MAX_TEXT. Default: ${DEFAULT-VALUE}.")
    int maxText;

    @Option(
        names = "--trust-authors",
        description =
            "Let the file's authors be users of this database, who then own its messages as theirs. "
                + "Only for a file exported from this very server (restoring a room it lost).")
    boolean trustAuthors;

    @picocli.CommandLine.Mixin Database database = new Database();

    @Override
    public Integer call() throws IOException {
      long size = Files.size(file);
      CountingInput[] reading = new CountingInput[1];
      Importer.Source source =
          () -> reading[0] = new CountingInput(new BufferedInputStream(Files.newInputStream(file)));
      try (SqlStore store = database.open()) {
        Progress checking = new Progress("checking " + file.getFileName(), size);
        Progress importing = new Progress("importing " + file.getFileName(), size);
        Snapshot.RoomRow room =
            Importer.importRoom(
                store,
                source,
                new Importer.Options(maxText, trustAuthors),
                new Importer.Progress() {
                  @Override
                  public void checked(long events) {
                    checking.show(reading[0].read);
                  }

                  private boolean checked;

                  @Override
                  public void written(long events) {
                    if (!checked) {
                      checked = true;
                      checking.done("the file keeps the rules");
                    }
                    importing.show(reading[0].read);
                  }
                });
        importing.done("imported " + room.name() + " (" + room.lastSeq() + " events)");
        return 0;
      } catch (IllegalArgumentException | IllegalStateException | JacksonException e) {
        System.err.println("parley import: " + e.getMessage());
        return 1;
      }
    }
  }

  /**
   * A progress bar on the terminal (standard error), or a line now and then when it is not a
   * terminal.
   */
  static final class Progress {
    private final String what;
    private final long total;
    private final boolean terminal = System.console() != null;
    private final PrintStream err = System.err;
    private long lastShown;
    private int lastTenth = -1;

    Progress(String what, long total) {
      this.what = what;
      this.total = Math.max(1, total);
    }

    void show(long done) {
      long now = System.nanoTime();
      int percent = (int) Math.min(100, done * 100 / total);
      if (terminal) {
        if (now - lastShown < 100_000_000L) return;
        lastShown = now;
        int bar = percent * 30 / 100;
        err.printf("\r%s [%s%s] %3d%%", what, "#".repeat(bar), " ".repeat(30 - bar), percent);
      } else if (percent / 10 != lastTenth) {
        lastTenth = percent / 10;
        err.printf("%s: %d%%%n", what, percent);
      }
    }

    void done(String summary) {
      if (terminal) err.print("\r" + " ".repeat(what.length() + 40) + "\r");
      err.println(what + ": " + summary);
    }
  }

  private static final class CountingInput extends java.io.FilterInputStream {
    volatile long read;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) read++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) read += n;
      return n;
    }
  }
}

package dev.parley.archive;

import static dev.parley.testing.StoreCalls.amend;
import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Parley;
import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Image;
import dev.parley.domain.Mention;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import dev.parley.testing.PostgresSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Export and import are lossless: a room exported, imported into an empty database (SQLite or
 * PostgreSQL) and exported again gives the same bytes; the text export is for people.
 */
class ExportImportRoundTripTest {

  static final Profile ANN = new Profile("u-ann", "Ann", "🦊");

  /**
   * A nick with spaces; JSON escaping is exercised by the topic and the texts (a nick cannot hold
   * quotes).
   */
  static final Profile BOB = new Profile("u-bob", "Bob the builder", null);

  static final Importer.Options OPTIONS = new Importer.Options(8000, false);

  @TempDir Path dir;

  static SqlStore open(String url) {
    return SqlStore.open(url, new SimpleMeterRegistry());
  }

  static String sqlite(Path file) {
    return "jdbc:sqlite:" + file;
  }

  /** A room with one of everything a log can hold. */
  static Snapshot.RoomRow fill(Store store) {
    store.write(
        new Change.RoomSaved("plans", "Weekend \"plans\"\nand more", ANN.id(), 1_700_000_000_000L));
    append(store, Notice.draft("plans", Notice.Kind.CREATE, ANN, 1_700_000_000_001L));
    append(store, Notice.draft("plans", Notice.Kind.JOIN, BOB, 1_700_000_000_002L));
    long hi =
        append(
                store,
                Message.draft(
                    "plans",
                    "c1",
                    ANN,
                    1_700_000_001_000L,
                    "hi **Bob**\nsecond line\tand a tab",
                    null))
            .seq();
    long pic =
        append(
                store,
                Message.draft(
                    "plans",
                    "c2",
                    BOB,
                    1_700_000_002_000L,
                    null,
                    new Image("/uploads/abc.png", "cat <3>.png", 640, 480)))
            .seq();
    long cjk =
        append(
                store,
                Message.draft(
                        "plans",
                        "c3",
                        BOB,
                        1_700_000_003_000L,
                        "中文 café 👩🏽‍💻 \\ \" end\ttab, @ann",
                        null)
                    .withMentions(List.of(new Mention(ANN.id(), "ann"))))
            .seq();
    long gone =
        append(store, Message.draft("plans", "c4", ANN, 1_700_000_004_000L, "oops", null)).seq();
    amend(
        store, new Amendment.Edit("plans", hi, ANN.id(), "hi **Bob**, edited", 1_700_000_005_000L));
    amend(store, new Amendment.React("plans", pic, ANN, "😻", true));
    amend(store, new Amendment.React("plans", pic, BOB, "👍", true));
    amend(store, new Amendment.React("plans", pic, ANN, "👍", true));
    amend(store, new Amendment.React("plans", cjk, ANN, "🎉", true));
    amend(store, new Amendment.React("plans", cjk, ANN, "🎉", false));
    amend(store, new Amendment.Delete("plans", gone, ANN.id()));
    append(store, Notice.draft("plans", Notice.Kind.LEAVE, BOB, 1_700_000_006_000L));
    return store.load().rooms().stream()
        .filter(r -> r.name().equals("plans"))
        .findFirst()
        .orElseThrow();
  }

  static byte[] exportJson(Store store, String room) {
    Snapshot.RoomRow row =
        store.load().rooms().stream().filter(r -> r.name().equals(room)).findFirst().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.exportNow(store, row, new JsonArchive(out), n -> {});
    return out.toByteArray();
  }

  @Test
  void exportImportExportGivesTheSameBytesOnSqliteAndPostgres() throws Exception {
    byte[] first;
    Snapshot.RoomRow original;
    try (SqlStore store = open(sqlite(dir.resolve("a.db")))) {
      original = fill(store);
      first = exportJson(store, "plans");
    }
    assertThat(original.lastSeq()).isEqualTo(7);
    assertThat(original.lastRev()).isEqualTo(7);

    try (SqlStore empty = open(sqlite(dir.resolve("b.db")))) {
      Snapshot.RoomRow imported =
          Importer.importRoom(empty, () -> new ByteArrayInputStream(first), OPTIONS, n -> {});
      assertThat(imported).isEqualTo(original);
      assertThat(new String(exportJson(empty, "plans"), StandardCharsets.UTF_8))
          .isEqualTo(new String(first, StandardCharsets.UTF_8));
      assertThat(exportJson(empty, "plans")).isEqualTo(first);
      // the restored room goes on where it was: the next event and the next change take the next
      // numbers
      assertThat(append(empty, Message.draft("plans", "c9", ANN, 1L, "after", null)).seq())
          .isEqualTo(8);
    }
    try (PostgresSchema schema = PostgresSchema.create();
        SqlStore pg = open(schema.url())) {
      Importer.importRoom(pg, () -> new ByteArrayInputStream(first), OPTIONS, n -> {});
      assertThat(exportJson(pg, "plans")).isEqualTo(first);
    }
  }

  @Test
  void theJsonHoldsEveryEventWithItsChanges() throws Exception {
    try (SqlStore store = open(sqlite(dir.resolve("a.db")))) {
      fill(store);
      String json = new String(exportJson(store, "plans"), StandardCharsets.UTF_8);
      assertThat(json).startsWith("{\"format\":\"parley-room-export\",\"version\":1,");
      assertThat(json.lines().filter(l -> l.startsWith("{\"type\""))).hasSize(7);
      assertThat(json)
          .contains(
              "\"edited\":1700000005000",
              "\"deleted\":true",
              "\"reactions\":{\"😻\":[\"u-ann\"],\"👍\":[\"u-bob\",\"u-ann\"]}");
      assertThat(json).contains("\"avatar\":\"🦊\"").doesNotContain("oops");
    }
  }

  @Test
  void theTextIsForPeopleWithFullTimestampsInTheChosenZone() throws Exception {
    try (SqlStore store = open(sqlite(dir.resolve("a.db")))) {
      Snapshot.RoomRow row = fill(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(
          store,
          row,
          new TextArchive(out, ZoneId.of("Europe/Paris"), "https://chat.example"),
          n -> {});
      String txt = out.toString(StandardCharsets.UTF_8);
      assertThat(txt.lines().findFirst().orElseThrow())
          .startsWith("# Parley export of plans (Weekend \"plans\" and more), 7 events");
      assertThat(txt).contains("2023-11-14 23:13:20 +01:00  #1  * Ann created the room");
      assertThat(txt).contains("#2  * Bob the builder joined the room");
      assertThat(txt).contains("#3  <Ann> hi **Bob**, edited  (edited 2023-11-14 23:13:25 +01:00)");
      assertThat(txt)
          .contains(
              "#4  <Bob the builder> [image https://chat.example/uploads/abc.png cat <3>.png]  [😻 1 👍 2]");
      assertThat(txt).contains("#6  <Ann> [message deleted]");
      assertThat(txt).contains("#7  * Bob the builder left the room");
      assertThat(txt).doesNotContain("oops");
    }
  }

  @Test
  void importRefusesARoomThatAlreadyHasALogAndAFileThatIsNotAnExport() throws Exception {
    byte[] first;
    try (SqlStore store = open(sqlite(dir.resolve("a.db")))) {
      fill(store);
      first = exportJson(store, "plans");
      assertThatThrownBy(
              () ->
                  Importer.importRoom(
                      store, () -> new ByteArrayInputStream(first), OPTIONS, n -> {}))
          .hasMessageContaining("already holds 7 events");
      assertThatThrownBy(
              () ->
                  Importer.importRoom(
                      store,
                      () -> new ByteArrayInputStream("{\"format\":\"other\"}".getBytes()),
                      OPTIONS,
                      n -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a Parley room export");
    }
  }

  @Test
  void theCommandLineExportsAndImportsFiles() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createDirectories(a);
    try (SqlStore store = open(sqlite(a.resolve("parley.db")))) {
      fill(store);
    }
    Path json = dir.resolve("plans.json");
    Path again = dir.resolve("again.json");
    Path txt = dir.resolve("plans.txt");
    assertThat(
            run(
                "export",
                "--room",
                "plans",
                "--format",
                "json",
                "--out",
                json.toString(),
                "--data-dir",
                a.toString()))
        .isZero();
    assertThat(
            run(
                "export",
                "--room",
                "plans",
                "--format",
                "txt",
                "--tz",
                "UTC",
                "--out",
                txt.toString(),
                "--data-dir",
                a.toString()))
        .isZero();
    assertThat(run("import", json.toString(), "--data-dir", b.toString())).isZero();
    assertThat(
            run("export", "--room", "plans", "--out", again.toString(), "--data-dir", b.toString()))
        .isZero();
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(json));
    assertThat(Files.readString(txt))
        .contains("2023-11-14 22:13:20 +00:00  #1  * Ann created the room");
    assertThat(run("import", json.toString(), "--data-dir", b.toString())).as("twice").isEqualTo(1);
    assertThat(run("export", "--room", "nowhere", "--data-dir", b.toString())).isEqualTo(1);
    assertThat(run("export", "--room", "plans", "--format", "pdf", "--data-dir", b.toString()))
        .isEqualTo(2);
  }

  private static int run(String... args) {
    return new CommandLine(new Parley()).execute(args);
  }
}

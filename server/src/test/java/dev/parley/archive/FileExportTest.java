package dev.parley.archive;

import static dev.parley.archive.ExportImportRoundTripTest.ANN;
import static dev.parley.archive.ExportImportRoundTripTest.BOB;
import static dev.parley.archive.ExportImportRoundTripTest.OPTIONS;
import static dev.parley.archive.ExportImportRoundTripTest.exportJson;
import static dev.parley.archive.ExportImportRoundTripTest.open;
import static dev.parley.archive.ExportImportRoundTripTest.sqlite;
import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Attachment;
import dev.parley.domain.Change;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import dev.parley.testing.PostgresSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and voice messages in an export: the json round-trips them, the text shows them. */
class FileExportTest {
  static final String PDF = "/uploads/" + "p".repeat(43) + ".pdf";
  static final String VOICE = "/uploads/" + "v".repeat(43) + ".weba";

  @TempDir Path dir;

  static Snapshot.RoomRow fill(Store store) {
    store.write(new Change.RoomSaved("files", "", ANN.id(), 1_700_000_000_000L));
    append(store, Notice.draft("files", Notice.Kind.CREATE, ANN, 1_700_000_000_001L));
    append(
        store,
        Message.draft("files", "f1", ANN, 1_700_000_001_000L, "the report", null)
            .withFile(new Attachment(PDF, "Q3 report.pdf", 1234L, "application/pdf", null)));
    append(
        store,
        Message.draft("files", "f2", BOB, 1_700_000_002_000L, null, null)
            .withFile(new Attachment(VOICE, "voice.webm", 48_000L, "audio/webm", 72)));
    return store.load().rooms().stream()
        .filter(r -> r.name().equals("files"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void filesRoundTripThroughJsonOnSqliteAndPostgres() throws Exception {
    byte[] first;
    try (SqlStore store = open(sqlite(dir.resolve("a.db")))) {
      fill(store);
      first = exportJson(store, "files");
    }
    String json = new String(first, StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"file\":{\"url\":\""
                + PDF
                + "\",\"name\":\"Q3 report.pdf\",\"size\":1234,\"type\":\"application/pdf\"}",
            "\"duration\":72");
    try (SqlStore empty = open(sqlite(dir.resolve("b.db")))) {
      Importer.importRoom(empty, () -> new ByteArrayInputStream(first), OPTIONS, n -> {});
      assertThat(exportJson(empty, "files")).isEqualTo(first);
    }
    try (PostgresSchema schema = PostgresSchema.create();
        SqlStore pg = open(schema.url())) {
      Importer.importRoom(pg, () -> new ByteArrayInputStream(first), OPTIONS, n -> {});
      assertThat(exportJson(pg, "files")).isEqualTo(first);
    }
  }

  @Test
  void theTextShowsEachFileAndVoiceMessageReadably() throws Exception {
    try (SqlStore store = open(sqlite(dir.resolve("a.db")))) {
      Snapshot.RoomRow row = fill(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(
          store, row, new TextArchive(out, ZoneId.of("UTC"), "https://chat.example"), n -> {});
      String txt = out.toString(StandardCharsets.UTF_8);
      assertThat(txt)
          .contains(
              "#2  <Ann> [file Q3 report.pdf, 1 KB https://chat.example" + PDF + "] the report");
      assertThat(txt)
          .contains(
              "#3  <Bob the builder> [voice message 1:12, 47 KB https://chat.example"
                  + VOICE
                  + "]");
    }
  }
}

package dev.parley.archive;

import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins are notices of the room's log, so an export carries them: the json comes back from an import
 * byte for byte and the room's pins with it (replayed from the notices); the text export says who
 * pinned or unpinned which message.
 */
class PinExportTest {
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  static SqlStore open(Path file) {
    return SqlStore.open("jdbc:sqlite:" + file, new SimpleMeterRegistry());
  }

  static Snapshot.RoomRow fill(SqlStore store) {
    store.write(new Change.RoomSaved("ops", "Ops", ANN.id(), T0));
    append(store, Notice.draft("ops", Notice.Kind.CREATE, ANN, T0 + 1));
    long keep = append(store, Message.draft("ops", "c1", ANN, T0 + 2, "checklist", null)).seq();
    long drop = append(store, Message.draft("ops", "c2", ANN, T0 + 3, "old plan", null)).seq();
    for (Notice n :
        new Notice[] {
          new Notice("ops", 0, T0 + 4, Notice.Kind.PIN, ANN, Notice.Detail.pin(keep, true)),
          new Notice("ops", 0, T0 + 5, Notice.Kind.PIN, ANN, Notice.Detail.pin(drop, true)),
          new Notice("ops", 0, T0 + 6, Notice.Kind.PIN, ANN, Notice.Detail.pin(drop, false))
        }) {
      append(store, n);
    }
    return store.load().rooms().stream()
        .filter(r -> r.name().equals("ops"))
        .findFirst()
        .orElseThrow();
  }

  static byte[] exportJson(SqlStore store, Snapshot.RoomRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.exportNow(store, row, new JsonArchive(out), n -> {});
    return out.toByteArray();
  }

  @Test
  void pinNoticesSurviveExportAndImportAndThePinsComeBackWithThem() throws Exception {
    byte[] first;
    try (SqlStore store = open(dir.resolve("a.db"))) {
      first = exportJson(store, fill(store));
    }
    String json = new String(first, StandardCharsets.UTF_8);
    assertThat(json).contains("\"event\":\"pin\"").contains("\"target\":2,\"on\":true");
    assertThat(json).contains("\"target\":3,\"on\":false");
    try (SqlStore empty = open(dir.resolve("b.db"))) {
      Snapshot.RoomRow imported =
          Importer.importRoom(
              empty,
              () -> new ByteArrayInputStream(first),
              new Importer.Options(8000, false),
              n -> {});
      assertThat(exportJson(empty, imported)).isEqualTo(first);
      assertThat(empty.bookmarks().pins("ops").get(20, TimeUnit.SECONDS))
          .extracting(Message::text)
          .containsExactly("checklist");
    }
  }

  @Test
  void theTextExportSaysWhoPinnedWhich() throws Exception {
    try (SqlStore store = open(dir.resolve("a.db"))) {
      Snapshot.RoomRow row = fill(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(store, row, new TextArchive(out, ZoneId.of("UTC"), ""), n -> {});
      String txt = out.toString(StandardCharsets.UTF_8);
      assertThat(txt).contains("* Ann pinned message #2");
      assertThat(txt).contains("* Ann unpinned message #3");
    }
  }
}

package dev.parley.archive;

import static dev.parley.testing.StoreCalls.amend;
import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moderation is part of a room's log, so an export carries it: notices of a kick, a mute and a
 * settings change with who acted and why, and a moderator's deletion with {@code deletedBy}, come
 * back from an import byte for byte, and the text export says them for people.
 */
class ModerationExportTest {
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final Profile BOB = new Profile("u-bob", "Bob", null);

  @TempDir Path dir;

  static SqlStore open(Path file) {
    return SqlStore.open("jdbc:sqlite:" + file, new SimpleMeterRegistry());
  }

  static Snapshot.RoomRow fill(SqlStore store) {
    store.write(new Change.RoomSaved("ops", "Ops", ANN.id(), 1_700_000_000_000L));
    append(store, Notice.draft("ops", Notice.Kind.CREATE, ANN, 1_700_000_000_001L));
    long spam =
        append(store, Message.draft("ops", "c1", BOB, 1_700_000_000_002L, "spam", null)).seq();
    amend(store, new Amendment.Delete("ops", spam, ANN.id(), ANN, Set.of()));
    append(
        store,
        new Notice(
            "ops",
            0,
            1_700_000_000_003L,
            Notice.Kind.MUTE,
            BOB,
            new Notice.Detail(ANN, "flood", 1_700_000_600_003L, null, null, null)));
    append(
        store,
        new Notice(
            "ops",
            0,
            1_700_000_000_004L,
            Notice.Kind.KICK,
            BOB,
            new Notice.Detail(ANN, "off topic", null, null, null, null)));
    append(
        store,
        new Notice(
            "ops",
            0,
            1_700_000_000_005L,
            Notice.Kind.SETTINGS,
            ANN,
            new Notice.Detail(ANN, null, null, null, "News only", true)));
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
  void moderationNoticesAndAModeratorsDeletionSurviveExportAndImport() throws Exception {
    byte[] first;
    try (SqlStore store = open(dir.resolve("a.db"))) {
      first = exportJson(store, fill(store));
    }
    String json = new String(first, StandardCharsets.UTF_8);
    assertThat(json).contains("\"deletedBy\":{\"id\":\"u-ann\",\"nick\":\"Ann\"}");
    assertThat(json).contains("\"event\":\"kick\"").contains("\"reason\":\"off topic\"");
    assertThat(json).contains("\"until\":1700000600003").contains("\"readOnly\":true");
    try (SqlStore empty = open(dir.resolve("b.db"))) {
      Snapshot.RoomRow imported =
          Importer.importRoom(
              empty,
              () -> new ByteArrayInputStream(first),
              new Importer.Options(8000, false),
              n -> {});
      assertThat(exportJson(empty, imported)).isEqualTo(first);
    }
  }

  @Test
  void theTextExportSaysWhoDidWhatAndWhy() throws Exception {
    try (SqlStore store = open(dir.resolve("a.db"))) {
      Snapshot.RoomRow row = fill(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(store, row, new TextArchive(out, ZoneId.of("UTC"), ""), n -> {});
      String txt = out.toString(StandardCharsets.UTF_8);
      assertThat(txt).contains("* Bob was muted by Ann: flood");
      assertThat(txt).contains("* Bob was removed from the room by Ann: off topic");
      assertThat(txt).contains("* Ann changed the room's settings");
    }
  }
}

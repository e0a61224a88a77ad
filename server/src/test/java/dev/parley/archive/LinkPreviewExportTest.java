package dev.parley.archive;

import static dev.parley.testing.StoreCalls.amend;
import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.LinkPreview;
import dev.parley.domain.Message;
import dev.parley.domain.PreviewImage;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's link preview is part of the room's log: the json export carries it and an import
 * restores it byte for byte; the text export shows it readably; a crafted preview (a script link,
 * an image from elsewhere) is refused and nothing is written.
 */
class LinkPreviewExportTest {
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final String IMAGE = LinkPreview.IMAGE_PATH + "q".repeat(32) + ".png";

  @TempDir Path dir;

  static SqlStore open(Path file) {
    return SqlStore.open("jdbc:sqlite:" + file, new SimpleMeterRegistry());
  }

  static Snapshot.RoomRow fill(SqlStore store) {
    store.write(new Change.RoomSaved("docs", "Docs", ANN.id(), 1_700_000_000_000L));
    long seq =
        append(
                store,
                Message.draft(
                    "docs", "c1", ANN, 1_700_000_000_002L, "see https://example.com/guide", null))
            .seq();
    amend(
        store,
        new Amendment.Preview(
            "docs",
            seq,
            new LinkPreview(
                "https://example.com/guide", "The guide", "How to start\nin two lines", IMAGE),
            new PreviewImage("q".repeat(32) + ".png", "image/png", new byte[] {1, 2, 3})));
    append(store, Message.draft("docs", "c2", ANN, 1_700_000_000_003L, "no link", null));
    return store.load().rooms().stream()
        .filter(r -> r.name().equals("docs"))
        .findFirst()
        .orElseThrow();
  }

  static byte[] exportJson(SqlStore store, Snapshot.RoomRow row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.exportNow(store, row, new JsonArchive(out), n -> {});
    return out.toByteArray();
  }

  static Snapshot.RoomRow importJson(SqlStore store, byte[] json) throws Exception {
    return Importer.importRoom(
        store, () -> new ByteArrayInputStream(json), new Importer.Options(8000, false), n -> {});
  }

  @Test
  void aPreviewSurvivesExportAndImport() throws Exception {
    byte[] first;
    try (SqlStore store = open(dir.resolve("a.db"))) {
      first = exportJson(store, fill(store));
    }
    String json = new String(first, StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"preview\":{\"url\":\"https://example.com/guide\",\"title\":\"The guide\","
                + "\"description\":\"How to start\\nin two lines\",\"image\":\""
                + IMAGE
                + "\"}");
    try (SqlStore empty = open(dir.resolve("b.db"))) {
      assertThat(exportJson(empty, importJson(empty, first))).isEqualTo(first);
    }
  }

  @Test
  void theTextExportShowsThePreviewOnALineOfItsOwn() throws Exception {
    try (SqlStore store = open(dir.resolve("a.db"))) {
      Snapshot.RoomRow row = fill(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(store, row, new TextArchive(out, ZoneId.of("UTC"), ""), n -> {});
      String txt = out.toString(StandardCharsets.UTF_8);
      assertThat(txt)
          .contains(
              "<Ann> see https://example.com/guide\n"
                  + "    [preview: The guide | How to start in two lines"
                  + " <https://example.com/guide>]\n");
    }
  }

  @Test
  void aCraftedPreviewIsRefusedAndNothingIsWritten() throws Exception {
    byte[] first;
    try (SqlStore store = open(dir.resolve("a.db"))) {
      first = exportJson(store, fill(store));
    }
    String json = new String(first, StandardCharsets.UTF_8);
    String[] crafted = {
      json.replace("\"url\":\"https://example.com/guide\"", "\"url\":\"javascript:alert(1)\""),
      json.replace(IMAGE, "https://tracker.example/pixel.png"),
      json.replace(IMAGE, "/uploads/previews/../../etc/passwd"),
      json.replace("\"title\":\"The guide\",", ""),
    };
    String[] why = {"preview's url", "preview's image", "preview's image", "'title'"};
    for (int i = 0; i < crafted.length; i++) {
      try (SqlStore empty = open(dir.resolve("c" + i + ".db"))) {
        byte[] bytes = crafted[i].getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importJson(empty, bytes)).hasMessageContaining(why[i]);
        assertThat(empty.load().rooms()).noneMatch(r -> r.name().equals("docs"));
      }
    }
  }
}

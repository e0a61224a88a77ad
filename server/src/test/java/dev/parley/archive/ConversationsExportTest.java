package dev.parley.archive;

import static dev.parley.testing.StoreCalls.amend;
import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Conversation;
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
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies and threads leave a room and come back whole: the json export carries every quote, thread
 * and root summary and imports into SQLite and PostgreSQL to the same bytes; the text export says
 * who answered what and which thread a message is in.
 */
class ConversationsExportTest {

  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final Profile BOB = new Profile("u-bob", "Bob", null);
  static final long T = 1_700_000_000_000L;

  @TempDir Path dir;

  static Message draft(String id, Profile from, long ts, String text) {
    return Message.draft("talk", id, from, ts, text, null);
  }

  static Conversation replyTo(long seq) {
    return new Conversation(new Conversation.Reply(seq, null, null), null, false, null);
  }

  static Conversation inThread(long root, boolean alsoInRoom) {
    return new Conversation(null, root, alsoInRoom, null);
  }

  /** A parent and its reply, a deleted parent and its reply, a thread of two replies. */
  static void fill(Store store) {
    store.write(new Change.RoomSaved("talk", "", ANN.id(), T));
    append(store, Notice.draft("talk", Notice.Kind.CREATE, ANN, T + 1));
    long q = append(store, draft("c1", ANN, T + 10, "Who takes Friday's deploy?")).seq();
    append(store, draft("c2", BOB, T + 20, "I will").withConversation(replyTo(q)));
    long gone = append(store, draft("c3", ANN, T + 30, "a secret")).seq();
    append(store, draft("c4", BOB, T + 40, "what?").withConversation(replyTo(gone)));
    amend(store, new Amendment.Delete("talk", gone, ANN.id()));
    long root = append(store, draft("c5", ANN, T + 50, "Release notes, v2")).seq();
    append(
        store, draft("c6", BOB, T + 60, "typo in line 3").withConversation(inThread(root, false)));
    append(store, draft("c7", ANN, T + 70, "fixed, thanks").withConversation(inThread(root, true)));
  }

  static byte[] exportJson(Store store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.exportNow(store, row(store), new JsonArchive(out), n -> {});
    return out.toByteArray();
  }

  static Snapshot.RoomRow row(Store store) {
    return store.load().rooms().stream()
        .filter(r -> r.name().equals("talk"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void repliesAndThreadsRoundTripOnSqliteAndPostgres() throws Exception {
    byte[] first;
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("a.db"), new SimpleMeterRegistry())) {
      fill(store);
      first = exportJson(store);
    }
    String json = new String(first, StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"reply\":{\"seq\":2,\"from\":{\"id\":\"u-ann\",\"nick\":\"Ann\"},"
                + "\"excerpt\":\"Who takes Friday's deploy?\"}",
            "\"reply\":{\"seq\":4,\"from\":{\"id\":\"u-ann\",\"nick\":\"Ann\"},\"excerpt\":\"\",\"kind\":\"deleted\"}",
            "\"thread\":6,\"alsoInRoom\":true",
            "\"replies\":{\"count\":2,\"lastTs\":1700000000070,\"users\":[\"u-bob\",\"u-ann\"]}")
        .doesNotContain("a secret");
    try (SqlStore empty =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("b.db"), new SimpleMeterRegistry())) {
      Importer.importRoom(
          empty, () -> new ByteArrayInputStream(first), ExportImportRoundTripTest.OPTIONS, n -> {});
      assertThat(new String(exportJson(empty), StandardCharsets.UTF_8)).isEqualTo(json);
    }
    try (PostgresSchema schema = PostgresSchema.create();
        SqlStore pg = SqlStore.open(schema.url(), new SimpleMeterRegistry())) {
      Importer.importRoom(
          pg, () -> new ByteArrayInputStream(first), ExportImportRoundTripTest.OPTIONS, n -> {});
      assertThat(new String(exportJson(pg), StandardCharsets.UTF_8)).isEqualTo(json);
    }
  }

  @Test
  void theTextSaysWhoAnsweredWhatAndWhichThreadAMessageIsIn() throws Exception {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("a.db"), new SimpleMeterRegistry())) {
      fill(store);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(store, row(store), new TextArchive(out, ZoneId.of("UTC"), ""), n -> {});
      String txt = out.toString(StandardCharsets.UTF_8);
      assertThat(txt)
          .contains("#3  <Bob> (reply to #2 <Ann> \"Who takes Friday's deploy?\") I will")
          .contains("#5  <Bob> (reply to #4 <Ann>, deleted) what?")
          .contains("#6  <Ann> Release notes, v2  [2 replies in its thread]")
          .contains("#7  <Bob> (in thread #6) typo in line 3")
          .contains("#8  <Ann> (in thread #6) fixed, thanks");
    }
  }
}

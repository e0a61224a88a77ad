package dev.parley.archive;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Snapshot;
import dev.parley.store.sql.SqlStore;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.PostgresSchema;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever live traffic can put in a room, an import takes back: the strict checks of {@link
 * ImportCheck} refuse no export a real server wrote. A room with avatars, a topic in two scripts
 * with an emoji, right-to-left text with its marks, an image with its name, reactions with skin
 * tones, an edit, a deletion and a leave is exported over HTTP, imported into an empty SQLite and
 * an empty PostgreSQL database, and exported again: the same bytes.
 */
class LiveExportImportsTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 2000));

  @TempDir Path dir;

  @Test
  void anExportOfALiveRoomImportsIntoEmptyDatabasesAndExportsAgainByteForByte() throws Exception {
    TestClient ann = server.client();
    ann.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("Zoë"), "avatar", "👩🏽‍💻"));
    TestClient bob = server.client();
    bob.welcomed(
        obj("type", "hello", "nick", ParleyServerExtension.nick("李小龙"), "avatar", "🏳️‍🌈"));
    String room = room("live");
    ann.ok(obj("type", "create", "room", room, "topic", "Plans 👨‍👩‍👧‍👦 שלום، می‌خواهم"));
    bob.join(room);
    long first = ann.say(room, "first *thing*").path("seq").asLong();
    ann.ok(obj("type", "edit", "room", room, "seq", first, "text", "first thing, edited"));
    bob.ok(obj("type", "react", "room", room, "seq", first, "emoji", "👍🏽", "on", true));
    ann.ok(obj("type", "react", "room", room, "seq", first, "emoji", "🇫🇷", "on", true));
    bob.say(room, "עברית \u200fעם סימן\u200f and a tab\tand\ntwo lines");
    UploadRequests.Answer up =
        UploadRequests.postMultipart(
            server.httpUri("/api/uploads"),
            ann.token(),
            "file",
            "holiday photo.png",
            "image/png",
            TestImages.encoded("png", 64, 32, 7));
    assertThat(up.status()).isEqualTo(201);
    String id = TestClient.newId();
    ann.send(
        obj(
            "type",
            "send",
            "room",
            room,
            "id",
            id,
            "image",
            obj("url", up.json().path("url").asString(), "name", "holiday photo.png")));
    ann.awaitMessage(room, id);
    long gone = bob.say(room, "oops").path("seq").asLong();
    bob.ok(obj("type", "delete", "room", room, "seq", gone));
    bob.leave(room);

    HttpResponse<byte[]> export =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.httpUri("/api/rooms/" + room + "/export?format=json"))
                    .header("Authorization", "Bearer " + ann.token())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(export.statusCode()).isEqualTo(200);
    byte[] file = export.body();
    assertThat(new String(file, java.nio.charset.StandardCharsets.UTF_8))
        .contains("holiday photo.png", "👍🏽", "\"deleted\":true");

    try (SqlStore sqlite =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("empty.db"), new SimpleMeterRegistry())) {
      assertThat(importAndExport(sqlite, file, room)).isEqualTo(file);
    }
    try (PostgresSchema schema = PostgresSchema.create();
        SqlStore pg = SqlStore.open(schema.url(), new SimpleMeterRegistry())) {
      assertThat(importAndExport(pg, file, room)).isEqualTo(file);
    }
  }

  private static byte[] importAndExport(SqlStore store, byte[] file, String room) throws Exception {
    Snapshot.RoomRow row =
        Importer.importRoom(
            store,
            () -> new ByteArrayInputStream(file),
            new Importer.Options(8000, false),
            n -> {});
    assertThat(row.name()).isEqualTo(room);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.exportNow(store, row, new JsonArchive(out), n -> {});
    return out.toByteArray();
  }
}

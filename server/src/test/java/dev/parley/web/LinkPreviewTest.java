package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.links.TestFetchers;
import dev.parley.testing.LinkedSite;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Link previews over the socket: the message first, its preview after as a change of the same seq,
 * in history and in the changes a reconnecting client asks for; the preview's image served by this
 * server with the room's privacy; the author's {@code unpreview}; a slow site and a flood of links.
 * The linked site is this test's own, on 127.0.0.1, reached through the test allowance.
 */
class LinkPreviewTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 300));

  @RegisterExtension static final ParleyServerExtension off = ParleyServerExtension.defaults();

  static final LinkedSite site = new LinkedSite();
  static final byte[] PNG = TestImages.png(60, 40);

  @BeforeAll
  static void previewsOn() {
    server.server().chat().linkPreviews().start(TestFetchers.loopback());
    site.page("/page", LinkedSite.openGraph("Deploy checklist", "Steps before a release", "/i.png"))
        .file("/i.png", "image/png", PNG)
        .page("/bare", "<title>Bare page</title>");
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  record Pair(TestClient ann, TestClient bob, String room) {}

  static Pair pair(boolean isPrivate) {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("links");
    if (isPrivate) {
      ann.ok(obj("type", "create", "room", room, "private", true));
      ann.ok(obj("type", "invite", "room", room, "user", bob.id()));
    } else {
      ann.create(room);
      bob.join(room);
    }
    return new Pair(ann, bob, room);
  }

  static JsonNode previewed(TestClient c, String room, long seq) {
    return c.await(
        "message",
        m ->
            room.equals(m.path("room").asString())
                && m.path("seq").asLong() == seq
                && m.has("preview"),
        Duration.ofSeconds(10));
  }

  @Test
  void aLinkGetsItsPreviewAfterTheMessageAsAChangeOfTheSameSeq() {
    Pair p = pair(false);
    JsonNode sent = p.ann().say(p.room(), "read " + site.url("/page") + " first");
    long seq = sent.path("seq").asLong();
    assertThat(sent.has("preview")).isFalse();

    JsonNode seen = previewed(p.bob(), p.room(), seq);

    JsonNode preview = seen.path("preview");
    assertThat(preview.path("url").asString()).isEqualTo(site.url("/page"));
    assertThat(preview.path("title").asString()).isEqualTo("Deploy checklist");
    assertThat(preview.path("description").asString()).isEqualTo("Steps before a release");
    assertThat(preview.path("image").asString())
        .matches("/uploads/previews/[A-Za-z0-9_-]{32}\\.png");
    assertThat(seen.path("rev").asLong()).isPositive();
    assertThat(seen.path("text").asString()).isEqualTo(sent.path("text").asString());
    // history and a reconnecting client's catch-up carry it
    JsonNode history = p.bob().history(p.room(), "after", seq - 1);
    assertThat(history.path("events").get(0).path("preview")).isEqualTo(preview);
    JsonNode changes = p.bob().call(obj("type", "changes", "room", p.room(), "since", 0));
    assertThat(changes.path("events").get(0).path("preview")).isEqualTo(preview);
    // the image comes from this server, as the site sent it
    Answer img =
        UploadRequests.getAs(server.httpUri(preview.path("image").asString()), p.bob().token());
    assertThat(img.status()).isEqualTo(200);
    assertThat(img.body()).isEqualTo(PNG);
    assertThat(img.header("Content-Type")).isEqualTo("image/png");
    assertThat(img.header("X-Content-Type-Options")).isEqualTo("nosniff");
    // the site saw the server alone, without cookies
    assertThat(site.requests()).allSatisfy(r -> assertThat(r.cookie()).isNull());
  }

  @Test
  void aPageWithoutImageOrDescriptionShowsItsTitle() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), site.url("/bare")).path("seq").asLong();

    JsonNode preview = previewed(p.bob(), p.room(), seq).path("preview");

    assertThat(preview.path("title").asString()).isEqualTo("Bare page");
    assertThat(preview.has("description")).isFalse();
    assertThat(preview.has("image")).isFalse();
  }

  @Test
  void theAuthorAloneRemovesAPreviewAndItsImageGoesWithIt() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), site.url("/page")).path("seq").asLong();
    JsonNode seen = previewed(p.bob(), p.room(), seq);
    String image = seen.path("preview").path("image").asString();

    assertThat(
            p.bob()
                .error(obj("type", "unpreview", "room", p.room(), "seq", seq))
                .path("code")
                .asString())
        .isEqualTo("forbidden");
    p.ann().ok(obj("type", "unpreview", "room", p.room(), "seq", seq));

    JsonNode after =
        p.bob()
            .await(
                "message",
                m ->
                    m.path("seq").asLong() == seq
                        && m.path("rev").asLong() > seen.path("rev").asLong());
    assertThat(after.has("preview")).isFalse();
    assertThat(p.bob().history(p.room(), "after", seq - 1).path("events").get(0).has("preview"))
        .isFalse();
    assertThat(UploadRequests.getAs(server.httpUri(image), p.ann().token()).status())
        .isEqualTo(404);
    assertThat(
            p.ann()
                .error(obj("type", "unpreview", "room", p.room(), "seq", seq))
                .path("code")
                .asString())
        .isEqualTo("not_found");
  }

  @Test
  void badUnpreviewsChangeNothing() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), "no link here").path("seq").asLong();
    TestClient eve = server.user("eve");

    assertThat(code(p.ann().error(obj("type", "unpreview", "room", p.room(), "seq", seq))))
        .isEqualTo("not_found");
    assertThat(code(p.ann().error(obj("type", "unpreview", "room", p.room(), "seq", 9999))))
        .isEqualTo("not_found");
    assertThat(code(p.ann().error(obj("type", "unpreview", "room", p.room()))))
        .isEqualTo("bad_request");
    assertThat(code(eve.error(obj("type", "unpreview", "room", p.room(), "seq", seq))))
        .isEqualTo("not_member");
  }

  @Test
  void anEditThatDropsTheLinkDropsThePreview() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), "see " + site.url("/bare")).path("seq").asLong();
    previewed(p.bob(), p.room(), seq);

    p.ann().ok(obj("type", "edit", "room", p.room(), "seq", seq, "text", "never mind"));

    JsonNode edited =
        p.bob().await("message", m -> m.path("seq").asLong() == seq && m.has("edited"));
    assertThat(edited.has("preview")).isFalse();
  }

  @Test
  void anEditThatChangesTheLinkPreviewsTheNewPage() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), "see " + site.url("/bare")).path("seq").asLong();
    assertThat(previewed(p.bob(), p.room(), seq).path("preview").path("title").asString())
        .isEqualTo("Bare page");

    p.ann()
        .ok(obj("type", "edit", "room", p.room(), "seq", seq, "text", "no, " + site.url("/page")));

    JsonNode edited =
        p.bob().await("message", m -> m.path("seq").asLong() == seq && m.has("edited"));
    assertThat(edited.has("preview")).as("the old page's preview went with its link").isFalse();
    JsonNode again =
        p.bob()
            .await(
                "message",
                m ->
                    m.path("seq").asLong() == seq
                        && m.path("preview").path("url").asString().equals(site.url("/page")),
                Duration.ofSeconds(10));
    assertThat(again.path("preview").path("title").asString()).isEqualTo("Deploy checklist");
    assertThat(again.path("text").asString()).isEqualTo("no, " + site.url("/page"));
  }

  @Test
  void anEditThatAddsALinkPreviewsIt() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), "the checklist is somewhere").path("seq").asLong();
    p.ann()
        .ok(
            obj(
                "type",
                "edit",
                "room",
                p.room(),
                "seq",
                seq,
                "text",
                "it is " + site.url("/bare")));
    assertThat(previewed(p.bob(), p.room(), seq).path("preview").path("title").asString())
        .isEqualTo("Bare page");
  }

  @Test
  void aPrivateRoomsPreviewImageIsWhatAMissingUploadIsToOthers() {
    Pair p = pair(true);
    long seq = p.ann().say(p.room(), site.url("/page")).path("seq").asLong();
    String image = previewed(p.bob(), p.room(), seq).path("preview").path("image").asString();
    TestClient eve = server.user("eve");
    String missing = "/uploads/previews/" + "A".repeat(32) + ".png";

    assertThat(UploadRequests.getAs(server.httpUri(image), p.bob().token()).status())
        .isEqualTo(200);
    Answer toEve = UploadRequests.getAs(server.httpUri(image), eve.token());
    Answer nobody = UploadRequests.get(server.httpUri(image));
    Answer none = UploadRequests.getAs(server.httpUri(missing), eve.token());
    Answer noUpload = UploadRequests.getAs(server.httpUri("/uploads/nothing.png"), eve.token());
    for (Answer a : new Answer[] {toEve, nobody, none}) {
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.body()).isEqualTo(noUpload.body());
      assertThat(a.header("Content-Type")).isEqualTo(noUpload.header("Content-Type"));
    }
  }

  @Test
  void aPublicRoomsPreviewImageIsAsOpenAsTheRoom() {
    Pair p = pair(false);
    long seq = p.ann().say(p.room(), site.url("/page")).path("seq").asLong();
    String image = previewed(p.bob(), p.room(), seq).path("preview").path("image").asString();

    assertThat(UploadRequests.getAs(server.httpUri(image), server.user("eve").token()).status())
        .isEqualTo(200);
  }

  @Test
  void aSlowSiteNeverHoldsUpTheMessageAndAFloodFetchesTwoAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    site.at(
        "/hang",
        x -> {
          release.await(8, TimeUnit.SECONDS);
          LinkedSite.send(x, 200, "text/html", "<title>Late</title>".getBytes());
        });
    Pair p = pair(false);
    long before = site.count("/hang");
    try {
      long t0 = System.nanoTime();
      long first = 0;
      for (int i = 0; i < 10; i++) {
        long seq =
            p.ann().say(p.room(), "flood " + site.url("/hang") + "#" + i).path("seq").asLong();
        if (i == 0) first = seq;
      }
      // ten messages delivered while the site answers nothing
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
      p.bob().await("message", m -> m.path("text").asString().endsWith("#9"));
      Thread.sleep(500);
      assertThat(site.count("/hang") - before).isLessThanOrEqualTo(2);
      release.countDown();
      previewed(p.bob(), p.room(), first);
    } finally {
      release.countDown();
    }
  }

  @Test
  void withPreviewsOffNothingIsFetched() {
    TestClient ann = off.user("ann");
    String room = room("quiet");
    ann.create(room);
    long before = site.requests().size();

    long seq = ann.say(room, site.url("/page")).path("seq").asLong();
    ann.roundTrip(room);

    assertThat(ann.frames("message", m -> m.path("seq").asLong() == seq && m.has("preview")))
        .isEmpty();
    assertThat(site.requests()).hasSize((int) before);
  }

  private static String code(JsonNode error) {
    return error.path("code").asString();
  }
}

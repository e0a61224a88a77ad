package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.links.TestFetchers;
import dev.parley.testing.LinkedSite;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Link previews in a cluster: the node that stored the message fetches its link, once, and the
 * preview reaches the members on the other node as a change; its image is served by either node,
 * and its removal by the author on the other node reaches everyone.
 */
class LinkPreviewsAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster = ParleyCluster.of(2, c -> c.withRate(1000, 2000));

  static final LinkedSite site = new LinkedSite();
  static final AtomicInteger[] fetches = {new AtomicInteger(), new AtomicInteger()};

  @BeforeAll
  static void previewsOnEveryNode() {
    for (int i = 0; i < 2; i++)
      cluster.node(i).chat().linkPreviews().start(TestFetchers.counting(fetches[i]));
    site.page("/news", LinkedSite.openGraph("Release notes", "What changed", "/n.png"))
        .file("/n.png", "image/png", TestImages.png(30, 20));
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void onlyTheStoringNodeFetchesAndTheOtherNodesMembersGetThePreview() {
    TestClient ann = cluster.user(0, "ann");
    TestClient bob = cluster.user(1, "bob");
    String room = ParleyServerExtension.room("links");
    ann.create(room);
    bob.join(room);

    long seq = ann.say(room, "notes: " + site.url("/news")).path("seq").asLong();

    JsonNode seen =
        bob.await(
            "message",
            m -> m.path("seq").asLong() == seq && m.has("preview"),
            Duration.ofSeconds(10));
    JsonNode preview = seen.path("preview");
    assertThat(preview.path("title").asString()).isEqualTo("Release notes");
    ann.await("message", m -> m.path("seq").asLong() == seq && m.has("preview"));
    assertThat(fetches[0].get()).isEqualTo(1);
    assertThat(fetches[1].get()).isZero();
    assertThat(site.count("/news")).isEqualTo(1);
    String image = preview.path("image").asString();
    assertThat(UploadRequests.getAs(URI(cluster.wsUri(1), image), bob.token()).status())
        .isEqualTo(200);
    // a member who reconnects to the other node catches up on it
    TestClient again = cluster.client(1);
    again.resume(bob.token());
    JsonNode changes = again.call(obj("type", "changes", "room", room, "since", 0));
    assertThat(changes.path("events").get(0).path("preview")).isEqualTo(preview);

    // the author removes it from the other node
    TestClient annThere = cluster.client(1);
    annThere.resume(ann.token());
    annThere.ok(obj("type", "unpreview", "room", room, "seq", seq));
    ann.await(
        "message",
        m ->
            m.path("seq").asLong() == seq
                && !m.has("preview")
                && m.path("rev").asLong() > seen.path("rev").asLong());
    assertThat(UploadRequests.getAs(URI(cluster.wsUri(0), image), ann.token()).status())
        .isEqualTo(404);
  }

  private static java.net.URI URI(java.net.URI ws, String path) {
    return java.net.URI.create("http://" + ws.getHost() + ":" + ws.getPort() + path);
  }
}

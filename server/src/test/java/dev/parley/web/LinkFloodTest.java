package dev.parley.web;

import static dev.parley.testing.ParleyServerExtension.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.LinkPages;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of links from one person: at most two of their previews are fetched at once, the rest get
 * none, and nobody else's previews wait for them. The fetcher here is a stand-in that answers only
 * when the test says (nothing is fetched at all).
 */
class LinkFloodTest {

  @RegisterExtension
  static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 300));

  record Call(String url, CompletableFuture<LinkPages.Page> answer) {}

  static final List<Call> calls = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void standIn() {
    server
        .server()
        .chat()
        .linkPreviews()
        .start(
            url -> {
              Call c = new Call(url, new CompletableFuture<>());
              calls.add(c);
              return c.answer();
            });
  }

  @Test
  void oneAuthorHasAtMostTwoFetchesUnderWayAndOthersAreNotHeldUp() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String room = room("flood");
    ann.create(room);
    bob.join(room);

    for (int i = 0; i < 10; i++) ann.say(room, "https://example.com/ann/" + i);
    bob.say(room, "https://example.com/bob");

    Awaitility.await().until(() -> calls.size() == 3);
    assertThat(calls.stream().map(Call::url))
        .containsExactly(
            "https://example.com/ann/0", "https://example.com/ann/1", "https://example.com/bob");
    // once one of ann's ends, her next link is fetched again
    calls.get(0).answer().complete(null);
    ann.say(room, "https://example.com/ann/later");
    Awaitility.await().until(() -> calls.size() == 4);
    assertThat(calls.get(3).url()).isEqualTo("https://example.com/ann/later");
    ann.say(room, "https://example.com/ann/refused");
    ann.roundTrip(room);
    assertThat(calls).hasSize(4);
    calls.forEach(c -> c.answer().complete(null));
  }
}

package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.OpenIdProvider;
import dev.parley.testing.ParleyCluster;
import dev.parley.web.sso.OidcSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single sign-on is the cluster's: a person the provider vouches for is the same user whichever
 * node the provider sends them back to, even when their first sign-ins reach two nodes at once; and
 * a node that did not make the account knows it is protected (its name is held for good).
 */
class SingleSignOnAcrossNodesTest {
  static final OpenIdProvider idp = new OpenIdProvider();

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.of(
          2,
          c ->
              c.withNickHold(java.time.Duration.ofMillis(1))
                  .withOidc(
                      new OidcSettings(
                          idp.issuer(),
                          OpenIdProvider.CLIENT_ID,
                          OpenIdProvider.CLIENT_SECRET,
                          null,
                          null)));

  @AfterAll
  static void stopProvider() {
    idp.close();
  }

  private static URI node(int i) {
    return URI.create("http://127.0.0.1:" + cluster.node(i).port() + "/");
  }

  private static String userAt(int node, OpenIdProvider.Ending ending) {
    assertThat(ending.code()).as("a sign-in code, not " + ending.location()).isNotNull();
    return cluster
        .client(node)
        .welcomed(obj("type", "hello", "code", ending.code()))
        .path("user")
        .path("id")
        .asString();
  }

  @Test
  void theSamePersonIsTheSameUserOnEveryNode() throws Exception {
    idp.next("across-1", Map.of("preferred_username", "Hedy"));
    String first = userAt(0, idp.signIn(node(0)));
    idp.next("across-1", Map.of("preferred_username", "Hedy"));
    assertThat(userAt(1, idp.signIn(node(1)))).isEqualTo(first);
  }

  @Test
  void firstSignInsOnTwoNodesAtOnceMakeOneUser() throws Exception {
    for (int round = 0; round < 3; round++) {
      String subject = "race-" + round;
      idp.next(subject, Map.of("preferred_username", "racer" + round));
      idp.next(subject, Map.of("preferred_username", "racer" + round));
      List<CompletableFuture<String>> both = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        int node = n;
        both.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return userAt(node, idp.signIn(node(node)));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      assertThat(both.get(0).get()).isEqualTo(both.get(1).get());
    }
  }

  @Test
  void anotherNodeHoldsTheNameOfAnAccountItDidNotMake() throws Exception {
    idp.next("across-held", Map.of("preferred_username", "Ada"));
    idp.signIn(node(0));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .client(1)
                            .error(obj("type", "hello", "nick", "ada"))
                            .path("code")
                            .asString())
                    .isEqualTo("nick_taken"));
  }

  @Test
  void anAccountLinkedThroughOneNodeIsProtectedAndSignedInOnTheOther() throws Exception {
    var guest = cluster.client(0).welcomed(obj("type", "hello", "nick", "Linus"));
    String id = guest.path("user").path("id").asString();
    // the link starts on node 0; the provider sends the browser back to node 1
    var asked = idp.post(node(0).resolve("/auth/oidc/link"), guest.path("token").asString());
    assertThat(asked.statusCode()).isEqualTo(200);
    String cookie = asked.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    idp.next("across-link", Map.of("preferred_username", "someone"));
    String to = dev.parley.testing.Json.parse(asked.body()).path("location").asString();
    URI back = URI.create(OpenIdProvider.location(idp.get(URI.create(to), null)));
    URI atNode1 =
        new URI(
            "http",
            null,
            "127.0.0.1",
            cluster.node(1).port(),
            back.getPath(),
            back.getQuery(),
            null);
    assertThat(OpenIdProvider.location(idp.get(atNode1, cookie))).isEqualTo("/#sso-linked");

    idp.next("across-link", Map.of("preferred_username", "someone"));
    assertThat(userAt(1, idp.signIn(node(1)))).isEqualTo(id);
    idp.next("across-link", Map.of("preferred_username", "someone"));
    assertThat(userAt(0, idp.signIn(node(0)))).isEqualTo(id);
  }
}

package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Registration;
import dev.parley.testing.Json;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.SoftAuthenticator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wrong sign-in codes, wrong invite codes and failed passkey sign-ins are counted by the cluster,
 * not per node: five failures from one address spread over two nodes (three on one, two on the
 * other, under the five either node would allow alone) slow that address down on both. Each kind
 * counts apart, so each test starts from an untouched count.
 */
class GuessingAcrossNodesTest {

  @RegisterExtension
  static final ParleyCluster cluster =
      ParleyCluster.of(2, c -> c.withRegistration(Registration.Mode.INVITE));

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void wrongSignInCodesOnBothNodesSlowTheAddressOnBoth() {
    for (int i = 0; i < 5; i++) {
      JsonNode wrong =
          cluster.client(i % 2).error(obj("type", "hello", "code", "ZZZZZZZ" + (i + 2)));
      assertThat(wrong.path("code").asString()).as("try " + i).isEqualTo("bad_code");
    }
    for (int node = 0; node < 2; node++) {
      JsonNode slowed = cluster.client(node).error(obj("type", "hello", "code", "ZZZZZZZZ"));
      assertThat(slowed.path("code").asString()).as("node " + node).isEqualTo("slow_down");
      assertThat(slowed.path("retryAfter").asLong()).isPositive();
    }
  }

  @Test
  void wrongInviteCodesOnBothNodesSlowTheAddressOnBoth() {
    for (int i = 0; i < 5; i++) {
      JsonNode wrong = cluster.client(i % 2).error(invite("ABCDEFGHJKMNPQ" + (20 + i)));
      assertThat(wrong.path("code").asString()).as("try " + i).isEqualTo("bad_invite");
    }
    for (int node = 0; node < 2; node++) {
      JsonNode slowed = cluster.client(node).error(invite("ABCDEFGHJKMNPQ99"));
      assertThat(slowed.path("code").asString()).as("node " + node).isEqualTo("slow_down");
      assertThat(slowed.path("retryAfter").asLong()).isPositive();
    }
  }

  @Test
  void failedPasskeySignInsOnBothNodesSlowTheAddressOnBoth() throws Exception {
    SoftAuthenticator unknown = new SoftAuthenticator();
    for (int i = 0; i < 5; i++) {
      int node = i % 2;
      HttpResponse<String> options = call(node, "/api/passkeys/signin/options", obj());
      assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
      ObjectNode body = obj();
      body.set("credential", unknown.get(Json.parse(options.body()), page(node)));
      HttpResponse<String> res = call(node, "/api/passkeys/signin", body);
      assertThat(res.statusCode()).as("try " + i + ": " + res.body()).isEqualTo(401);
    }
    for (int node = 0; node < 2; node++) {
      HttpResponse<String> slowed = call(node, "/api/passkeys/signin/options", obj());
      assertThat(slowed.statusCode()).as("node " + node + ": " + slowed.body()).isEqualTo(429);
      assertThat(Json.parse(slowed.body()).path("error").asString()).isEqualTo("slow_down");
      assertThat(slowed.headers().firstValue("retry-after")).isPresent();
    }
  }

  private static ObjectNode invite(String code) {
    return obj("type", "hello", "nick", ParleyServerExtension.nick("G"), "invite", code);
  }

  private static String page(int node) {
    return "http://127.0.0.1:" + cluster.node(node).port();
  }

  private static HttpResponse<String> call(int node, String path, JsonNode body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(page(node) + path))
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

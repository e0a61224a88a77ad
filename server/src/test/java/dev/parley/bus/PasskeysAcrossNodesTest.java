package dev.parley.bus;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyCluster;
import dev.parley.testing.SoftAuthenticator;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passkeys are the cluster's: one registered on a node signs in on another (whose token hello
 * accepts there), is listed there, and once removed on one node signs nobody in on any.
 */
class PasskeysAcrossNodesTest {

  @RegisterExtension static final ParleyCluster cluster = ParleyCluster.of(2, c -> c);

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static String page(int node) {
    return "http://127.0.0.1:" + cluster.node(node).port();
  }

  static HttpResponse<String> call(
      int node, String method, String path, String token, JsonNode body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(page(node) + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ok(HttpResponse<String> res) {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return Json.parse(res.body());
  }

  /** A sign-in on {@code node} with {@code key}: the answer (the page's origin is that node's). */
  static HttpResponse<String> signIn(int node, SoftAuthenticator key) throws Exception {
    JsonNode options = ok(call(node, "POST", "/api/passkeys/signin/options", null, obj()));
    ObjectNode body = obj();
    body.set("credential", key.get(options, page(node)));
    return call(node, "POST", "/api/passkeys/signin", null, body);
  }

  @Test
  void aPasskeyRegisteredOnOneNodeSignsInOnAnotherUntilRemoved() throws Exception {
    TestClient ann = cluster.user(0, "Ann");
    SoftAuthenticator key = new SoftAuthenticator();
    JsonNode options = ok(call(0, "POST", "/api/passkeys/register/options", ann.token(), obj()));
    ObjectNode body = obj("name", "laptop");
    body.set("credential", key.create(options, page(0)));
    String id =
        ok(call(0, "POST", "/api/passkeys/register", ann.token(), body))
            .path("passkey")
            .path("id")
            .asString();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ok(call(1, "GET", "/api/passkeys", ann.token(), null)).path("passkeys"))
                    .hasSize(1));
    String token = ok(signIn(1, key)).path("token").asString();
    TestClient phone = cluster.client(1);
    assertThat(phone.resume(token).path("user").path("id").asString()).isEqualTo(ann.id());

    ok(call(1, "DELETE", "/api/passkeys/" + id, ann.token(), null));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(signIn(0, key).statusCode()).isEqualTo(401));
  }
}

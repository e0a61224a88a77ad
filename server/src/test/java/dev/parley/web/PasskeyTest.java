package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Json;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.SoftAuthenticator;
import dev.parley.testing.TestClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passkeys over HTTP with real WebAuthn answers ({@link SoftAuthenticator}: a real P-256 key, real
 * signatures the server verifies): registered by a signed-in user, used to sign in for a token that
 * {@code hello} accepts, listed and removed; and every way a sign-in is refused. Each test speaks
 * from an address of its own (127.0.0.1 is a trusted proxy here, so X-Forwarded-For counts), so one
 * test's failures never slow another down.
 */
class PasskeyTest {

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c -> c.withGuards(c.guards().withTrustedProxies(List.of("127.0.0.1"))));

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final AtomicInteger ADDRESSES = new AtomicInteger(1);

  /** The page the browser would be on. */
  String page() {
    return "http://127.0.0.1:" + server.port();
  }

  final String address = "198.51.100." + ADDRESSES.getAndIncrement();

  HttpResponse<String> call(String method, String path, String token, JsonNode body)
      throws Exception {
    return call(method, path, token, body, List.of());
  }

  HttpResponse<String> call(
      String method, String path, String token, JsonNode body, List<String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.httpUri(path))
            .header("X-Forwarded-For", address)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) b.header("Authorization", "Bearer " + token);
    for (int i = 0; i < headers.size(); i += 2) b.header(headers.get(i), headers.get(i + 1));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode ok(HttpResponse<String> res) {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    return Json.parse(res.body());
  }

  /** Registers a passkey of {@code key} for {@code who}; its id. */
  String register(TestClient who, SoftAuthenticator key, String name) throws Exception {
    JsonNode options = ok(call("POST", "/api/passkeys/register/options", who.token(), obj()));
    ObjectNode body = obj("name", name);
    body.set("credential", key.create(options, page()));
    JsonNode answer = ok(call("POST", "/api/passkeys/register", who.token(), body));
    return answer.path("passkey").path("id").asString();
  }

  JsonNode signInOptions() throws Exception {
    return ok(call("POST", "/api/passkeys/signin/options", null, obj()));
  }

  HttpResponse<String> signIn(ObjectNode credential) throws Exception {
    ObjectNode body = obj();
    body.set("credential", credential);
    return call("POST", "/api/passkeys/signin", null, body);
  }

  @Test
  void aRegisteredPasskeySignsInWithANewTokenThatHelloAccepts() throws Exception {
    TestClient ann = server.user("ann");
    SoftAuthenticator key = new SoftAuthenticator();
    JsonNode options = ok(call("POST", "/api/passkeys/register/options", ann.token(), obj()));
    assertThat(options.path("rp").path("id").asString()).isEqualTo("127.0.0.1");
    assertThat(options.path("user").path("name").asString()).isEqualTo(ann.nick());
    assertThat(options.path("challenge").asString()).hasSizeGreaterThanOrEqualTo(43);

    String id = register(ann, key, "Ann's laptop");
    assertThat(id).isEqualTo(key.credentialId());
    JsonNode list = ok(call("GET", "/api/passkeys", ann.token(), null));
    assertThat(list.path("passkeys")).hasSize(1);
    assertThat(list.path("passkeys").get(0).path("name").asString()).isEqualTo("Ann's laptop");

    JsonNode request = signInOptions();
    assertThat(request.path("allowCredentials")).as("usernameless: any passkey").isEmpty();
    JsonNode signedIn = ok(signIn(key.get(request, page())));
    String token = signedIn.path("token").asString();
    assertThat(token).isNotEqualTo(ann.token()).hasSizeGreaterThan(30);

    TestClient laptop = server.track(server.client());
    JsonNode welcome = laptop.resume(token);
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    JsonNode used = ok(call("GET", "/api/passkeys", ann.token(), null));
    assertThat(used.path("passkeys").get(0).path("lastUsed").asLong()).isPositive();
  }

  @Test
  void signInOptionsForAProtectedNickListItsPasskeys() throws Exception {
    TestClient bea = server.user("bea");
    SoftAuthenticator key = new SoftAuthenticator();
    register(bea, key, "phone");
    JsonNode request =
        ok(
            call(
                "POST",
                "/api/passkeys/signin/options",
                null,
                obj("nick", bea.nick().toUpperCase())));
    assertThat(request.path("allowCredentials")).hasSize(1);
    assertThat(request.path("allowCredentials").get(0).path("id").asString())
        .isEqualTo(key.credentialId());
    ok(signIn(key.get(request, page())));
  }

  @Test
  void aSignInFromAnotherOriginIsRefused() throws Exception {
    TestClient cat = server.user("cat");
    SoftAuthenticator key = new SoftAuthenticator();
    register(cat, key, "key");
    key.origin = "http://evil.example";
    HttpResponse<String> res = signIn(key.get(signInOptions(), page()));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
    assertThat(Json.parse(res.body()).path("error").asString()).isEqualTo("bad_credentials");
  }

  @Test
  void aRegistrationFromAnotherOriginIsRefused() throws Exception {
    TestClient dan = server.user("dan");
    SoftAuthenticator key = new SoftAuthenticator();
    key.origin = "https://evil.example";
    JsonNode options = ok(call("POST", "/api/passkeys/register/options", dan.token(), obj()));
    ObjectNode body = obj("name", "x");
    body.set("credential", key.create(options, page()));
    HttpResponse<String> res = call("POST", "/api/passkeys/register", dan.token(), body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(ok(call("GET", "/api/passkeys", dan.token(), null)).path("passkeys")).isEmpty();
  }

  @Test
  void aChallengeSignsInOnce() throws Exception {
    TestClient eve = server.user("eve");
    SoftAuthenticator key = new SoftAuthenticator();
    register(eve, key, "key");
    ObjectNode answer = key.get(signInOptions(), page());
    ok(signIn(answer));
    HttpResponse<String> replay = signIn(answer);
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(400);
    assertThat(Json.parse(replay.body()).path("error").asString()).isEqualTo("bad_challenge");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws Exception {
    TestClient fay = server.user("fay");
    SoftAuthenticator key = new SoftAuthenticator();
    register(fay, key, "key");
    HttpResponse<String> res =
        signIn(key.get(signInOptions(), page(), SoftAuthenticator.otherKeys()));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
    ok(signIn(key.get(signInOptions(), page()))); // the real key still works
  }

  @Test
  void aCounterThatGoesBackIsRefused() throws Exception {
    TestClient gus = server.user("gus");
    SoftAuthenticator key = new SoftAuthenticator();
    register(gus, key, "key");
    key.counter(10);
    ok(signIn(key.get(signInOptions(), page())));
    key.counter(3); // a clone of the authenticator from before
    HttpResponse<String> res = signIn(key.get(signInOptions(), page()));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
  }

  @Test
  void aUserRemovesOnlyTheirOwnPasskeys() throws Exception {
    TestClient hal = server.user("hal");
    TestClient ivy = server.user("ivy");
    SoftAuthenticator key = new SoftAuthenticator();
    String id = register(hal, key, "key");
    HttpResponse<String> theirs = call("DELETE", "/api/passkeys/" + id, ivy.token(), null);
    assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(404);
    assertThat(ok(call("GET", "/api/passkeys", hal.token(), null)).path("passkeys")).hasSize(1);

    ok(call("DELETE", "/api/passkeys/" + id, hal.token(), null));
    assertThat(ok(call("GET", "/api/passkeys", hal.token(), null)).path("passkeys")).isEmpty();
    HttpResponse<String> res = signIn(key.get(signInOptions(), page()));
    assertThat(res.statusCode()).as("a removed passkey signs nobody in").isEqualTo(401);
  }

  @Test
  void registeringNeedsASignedInUser() throws Exception {
    HttpResponse<String> res = call("POST", "/api/passkeys/register/options", "nonsense", obj());
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/passkeys", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void repeatedFailedSignInsAreSlowedDown() throws Exception {
    TestClient jo = server.user("jo");
    SoftAuthenticator key = new SoftAuthenticator();
    register(jo, key, "key");
    HttpResponse<String> res = null;
    for (int i = 0; i < 10; i++) {
      res = call("POST", "/api/passkeys/signin/options", null, obj());
      if (res.statusCode() == 429) break;
      JsonNode request = Json.parse(res.body());
      res = signIn(key.get(request, page(), SoftAuthenticator.otherKeys()));
      if (res.statusCode() == 429) break;
    }
    assertThat(res.statusCode()).as(res.body()).isEqualTo(429);
    JsonNode body = Json.parse(res.body());
    assertThat(body.path("error").asString()).isEqualTo("slow_down");
    assertThat(body.path("retryAfter").asLong()).isPositive();
    assertThat(res.headers().firstValue("retry-after")).isPresent();
    HttpResponse<String> real =
        signIn(key.get(Json.parse("{\"challenge\":\"x\",\"rpId\":\"127.0.0.1\"}"), page()));
    assertThat(real.statusCode()).as("not even the real key is looked at").isEqualTo(429);
  }

  @Test
  void behindATrustedProxyThePublicHostIsTheRelyingParty() throws Exception {
    TestClient kim = server.user("kim");
    SoftAuthenticator key = new SoftAuthenticator();
    List<String> proxy =
        List.of("X-Forwarded-Host", "chat.example.com", "X-Forwarded-Proto", "https");
    JsonNode options =
        ok(call("POST", "/api/passkeys/register/options", kim.token(), obj(), proxy));
    assertThat(options.path("rp").path("id").asString()).isEqualTo("chat.example.com");
    ObjectNode body = obj("name", "proxied");
    body.set("credential", key.create(options, "https://chat.example.com"));
    ok(call("POST", "/api/passkeys/register", kim.token(), body, proxy));

    JsonNode request = ok(call("POST", "/api/passkeys/signin/options", null, obj(), proxy));
    ObjectNode plain = obj();
    plain.set("credential", key.get(request, "http://chat.example.com"));
    HttpResponse<String> res = call("POST", "/api/passkeys/signin", null, plain, proxy);
    assertThat(res.statusCode()).as("the proxy said https").isEqualTo(401);
  }

  @Test
  void aPasskeyIsLoadedAgainAfterARestart() throws Exception {
    TestClient lea = server.user("lea");
    SoftAuthenticator key = new SoftAuthenticator();
    register(lea, key, "key");
    key.counter(4);
    ok(signIn(key.get(signInOptions(), page())));
    String id = lea.id();
    server.restart();

    JsonNode signedIn = ok(signIn(key.get(signInOptions(), page())));
    TestClient back = server.track(server.client());
    assertThat(back.resume(signedIn.path("token").asString()).path("user").path("id").asString())
        .isEqualTo(id);
    key.counter(2);
    assertThat(signIn(key.get(signInOptions(), page())).statusCode())
        .as("the counter was stored too")
        .isEqualTo(401);
  }
}

package dev.parley.web.sso;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.OpenIdProvider;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * "Sign in with ...": the OpenID Connect code flow against a real provider on 127.0.0.1 (real
 * discovery, real signed ID tokens). The provider's person is one Parley user, made at the first
 * sign-in with the name the provider offers; the flow ends in a one-use sign-in code that a hello
 * trades for a session. A sign-in this browser did not start, one the person refused, and an ID
 * token meant for another client all end in an error, never in a session.
 */
class SingleSignOnTest {
  static final OpenIdProvider idp = new OpenIdProvider();

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withNickHold(java.time.Duration.ofMillis(1))
                  .withOidc(
                      new OidcSettings(
                          idp.issuer(),
                          OpenIdProvider.CLIENT_ID,
                          OpenIdProvider.CLIENT_SECRET,
                          "Example ID",
                          null)));

  @AfterAll
  static void stopProvider() {
    idp.close();
  }

  private static URI parley() {
    return server.httpUri("/");
  }

  private static String subject() {
    return "person-" + UUID.randomUUID();
  }

  private static JsonNode welcomeFor(OpenIdProvider.Ending ending) {
    assertThat(ending.code()).as("a sign-in code, not " + ending.location()).isNotNull();
    return server.client().welcomed(obj("type", "hello", "code", ending.code()));
  }

  @Test
  void theLoginScreenLearnsThatSingleSignOnIsOnAndWhatToCallIt() throws Exception {
    var info = idp.get(server.httpUri("/auth/oidc"), null);
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body()).isEqualTo("{\"enabled\":true,\"name\":\"Example ID\"}");
  }

  @Test
  void aFirstSignInMakesAUserWithTheOfferedNameAndTheNextOneIsTheSameUser() throws Exception {
    String sub = subject();
    String name = ParleyServerExtension.nick("sso");
    idp.next(sub, Map.of("preferred_username", name));
    OpenIdProvider.Ending first = idp.signIn(parley());
    assertThat(first.status()).isEqualTo(302);
    JsonNode welcome = welcomeFor(first);
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(name);
    String id = welcome.path("user").path("id").asString();

    idp.next(sub, Map.of("preferred_username", "someone-else-now"));
    JsonNode again = welcomeFor(idp.signIn(parley()));
    assertThat(again.path("user").path("id").asString()).isEqualTo(id);
    assertThat(again.path("user").path("nick").asString())
        .as("the name stays the one the user has")
        .isEqualTo(name);
    assertThat(again.path("token").asString()).isNotEqualTo(welcome.path("token").asString());
  }

  @Test
  void anotherPersonOfferedATakenNameGetsTheFirstFreeVariant() throws Exception {
    TestClient ann = server.user("ann");
    idp.next(subject(), Map.of("preferred_username", ann.nick()));
    JsonNode welcome = welcomeFor(idp.signIn(parley()));
    assertThat(welcome.path("user").path("id").asString()).isNotEqualTo(ann.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(ann.nick() + "-2");
  }

  @Test
  void anEmailAddressOffersItsLocalPart() throws Exception {
    String local = ParleyServerExtension.nick("mail").toLowerCase();
    idp.next(subject(), Map.of("email", local + "@example.org"));
    JsonNode welcome = welcomeFor(idp.signIn(parley()));
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(local);
  }

  @Test
  void theSignInCodeWorksOnce() throws Exception {
    idp.next(subject(), Map.of("preferred_username", ParleyServerExtension.nick("once")));
    OpenIdProvider.Ending ending = idp.signIn(parley());
    welcomeFor(ending);
    String code = ending.code();
    JsonNode refused = server.client().error(obj("type", "hello", "code", code));
    assertThat(refused.path("code").asString()).isEqualTo("bad_code");
  }

  @Test
  void aCallbackWithoutTheStartsCookieOrWithAnotherStateEndsInAnError() throws Exception {
    var start = idp.get(server.httpUri("/auth/oidc/start"), null);
    String cookie = start.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    assertThat(start.headers().firstValue("set-cookie").orElseThrow())
        .containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax");
    idp.next(subject(), Map.of("preferred_username", "forged"));
    String back =
        OpenIdProvider.location(idp.get(URI.create(OpenIdProvider.location(start)), null));
    URI callback = URI.create(back);

    var noCookie = idp.get(callback, null);
    assertThat(OpenIdProvider.location(noCookie)).isEqualTo("/#sso-error=expired");

    var otherStart = idp.get(server.httpUri("/auth/oidc/start"), null);
    String otherCookie =
        otherStart.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    assertThat(OpenIdProvider.location(idp.get(callback, otherCookie)))
        .as("a cookie from another start: its state differs")
        .isEqualTo("/#sso-error=expired");

    assertThat(OpenIdProvider.location(idp.get(callback, cookie)))
        .as("the browser that started it")
        .startsWith("/#signin=");
  }

  @Test
  void aPersonWhoRefusedAtTheProviderGetsNoSession() throws Exception {
    var start = idp.get(server.httpUri("/auth/oidc/start"), null);
    String cookie = start.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    String state = cookie.substring(cookie.indexOf('=') + 1).split("\\.")[0];
    URI denied = server.httpUri("/auth/oidc/callback?error=access_denied&state=" + state);
    assertThat(OpenIdProvider.location(idp.get(denied, cookie))).isEqualTo("/#sso-error=denied");
  }

  @Test
  void anExpiredIdTokenIsRefused() throws Exception {
    idp.next(subject(), -3600, Map.of("preferred_username", "late"));
    OpenIdProvider.Ending ending = idp.signIn(parley());
    assertThat(ending.location()).isEqualTo("/#sso-error=failed");
  }

  @Test
  void aSingleSignOnAccountKeepsItsNameForGoodWhileAGuestsNameLapses() throws Exception {
    String name = ParleyServerExtension.nick("kept");
    idp.next(subject(), Map.of("preferred_username", name));
    JsonNode welcome = welcomeFor(idp.signIn(parley()));
    TestClient first = server.track(TestClient.connect(server.wsUri()));
    first.resume(welcome.path("token").asString());
    first.close();
    Thread.sleep(50); // far past this server's nick hold of 1 ms: only protection holds it now
    JsonNode refused = server.client().error(obj("type", "hello", "nick", name));
    assertThat(refused.path("code").asString()).isEqualTo("nick_taken");

    TestClient guest = server.user("guest");
    String guestNick = guest.nick();
    guest.close();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(
            () -> {
              TestClient c = server.client();
              JsonNode answer = c.call(obj("type", "hello", "nick", guestNick));
              return "welcome".equals(answer.path("type").asString());
            });
  }
}

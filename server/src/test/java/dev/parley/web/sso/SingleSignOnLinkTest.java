package dev.parley.web.sso;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.OpenIdProvider;
import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A team that turns single sign-on on after people have chatted: an existing account links the
 * provider's person to itself, from a session it already has, and from then on "Sign in with ..."
 * signs in as that account (its name, its rooms) instead of finding its name taken. Only the
 * account's own token starts a link; one person is never two accounts.
 */
class SingleSignOnLinkTest {
  static final OpenIdProvider idp = new OpenIdProvider();

  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(
          c ->
              c.withOidc(
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

  private static String subject() {
    return "person-" + UUID.randomUUID();
  }

  @Test
  void anExistingAccountLinksItsProviderPersonAndSignsInAsItselfFromThen() throws Exception {
    TestClient ann = server.user("ann");
    String sub = subject();
    idp.next(sub, Map.of("preferred_username", ann.nick()));
    OpenIdProvider.Ending linked = idp.link(server.httpUri("/"), ann.token());
    assertThat(linked.location()).isEqualTo("/#sso-linked");

    idp.next(sub, Map.of("preferred_username", ann.nick()));
    OpenIdProvider.Ending signIn = idp.signIn(server.httpUri("/"));
    assertThat(signIn.code()).as(signIn.location()).isNotNull();
    JsonNode welcome = server.client().welcomed(obj("type", "hello", "code", signIn.code()));
    assertThat(welcome.path("user").path("id").asString()).isEqualTo(ann.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(ann.nick());
    assertThat(welcome.path("user").path("protected").asBoolean())
        .as("a linked account is protected: its name is its own for good")
        .isTrue();
  }

  @Test
  void withoutTheLinkTheSameSignInWouldHaveMadeAnotherUser() throws Exception {
    TestClient bea = server.user("bea");
    idp.next(subject(), Map.of("preferred_username", bea.nick()));
    OpenIdProvider.Ending signIn = idp.signIn(server.httpUri("/"));
    JsonNode welcome = server.client().welcomed(obj("type", "hello", "code", signIn.code()));
    assertThat(welcome.path("user").path("id").asString()).isNotEqualTo(bea.id());
    assertThat(welcome.path("user").path("nick").asString()).isEqualTo(bea.nick() + "-2");
  }

  @Test
  void aLinkNeedsTheAccountsOwnToken() throws Exception {
    assertThat(idp.post(server.httpUri("/auth/oidc/link"), null).statusCode()).isEqualTo(401);
    assertThat(idp.post(server.httpUri("/auth/oidc/link"), "not-a-token").statusCode())
        .isEqualTo(401);
    assertThat(idp.get(server.httpUri("/auth/oidc/link"), null).statusCode()).isEqualTo(405);
  }

  @Test
  void aProviderPersonWhoIsAlreadyAnotherAccountIsNotLinkedAgain() throws Exception {
    String sub = subject();
    idp.next(sub, Map.of("preferred_username", ParleyServerExtension.nick("first")));
    JsonNode first =
        server
            .client()
            .welcomed(obj("type", "hello", "code", idp.signIn(server.httpUri("/")).code()));

    TestClient cy = server.user("cy");
    idp.next(sub, Map.of("preferred_username", "whatever"));
    OpenIdProvider.Ending refused = idp.link(server.httpUri("/"), cy.token());
    assertThat(refused.location()).isEqualTo("/#sso-error=linked-elsewhere");

    idp.next(sub, Map.of("preferred_username", "whatever"));
    JsonNode again =
        server
            .client()
            .welcomed(obj("type", "hello", "code", idp.signIn(server.httpUri("/")).code()));
    assertThat(again.path("user").path("id").asString())
        .as("still the account that had it")
        .isEqualTo(first.path("user").path("id").asString());
  }

  @Test
  void aLinkTicketIsSpentOnce() throws Exception {
    TestClient dee = server.user("dee");
    var asked = idp.post(server.httpUri("/auth/oidc/link"), dee.token());
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.headers().firstValue("set-cookie").orElseThrow())
        .containsIgnoringCase("HttpOnly");
    String cookie = asked.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    String to = dev.parley.testing.Json.parse(asked.body()).path("location").asString();
    idp.next(subject(), Map.of("preferred_username", dee.nick()));
    String back = OpenIdProvider.location(idp.get(java.net.URI.create(to), null));
    assertThat(OpenIdProvider.location(idp.get(java.net.URI.create(back), cookie)))
        .isEqualTo("/#sso-linked");
    assertThat(OpenIdProvider.location(idp.get(java.net.URI.create(back), cookie)))
        .as("the same callback and cookie again")
        .startsWith("/#sso-error=");
  }
}

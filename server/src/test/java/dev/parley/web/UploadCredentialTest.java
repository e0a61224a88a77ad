package dev.parley.web;

import static dev.parley.testing.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyServerExtension;
import dev.parley.testing.TestClient;
import dev.parley.testing.TestImages;
import dev.parley.testing.UploadRequests;
import dev.parley.testing.UploadRequests.Answer;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, item 10: the web client copied its session token into a cookie JavaScript could read
 * (any page on another port of the same host could). An {@code <img>} still needs a credential, so
 * the server gives one of its own, for the uploads alone: HttpOnly, SameSite=Strict,
 * Path=/uploads/, revoked when the web client signs out.
 */
class UploadCredentialTest {

  private static final String COOKIE = UploadRequests.CREDENTIAL_COOKIE;

  @RegisterExtension static final ParleyServerExtension server = ParleyServerExtension.defaults();

  private static URI base() {
    return server.httpUri("/");
  }

  private static String credentialOf(TestClient who) {
    Answer a = UploadRequests.mintCredential(base(), who.token());
    assertThat(a.status()).isEqualTo(204);
    String credential = UploadRequests.cookie(a, COOKIE);
    assertThat(credential).isNotBlank();
    return credential;
  }

  /** An image ann sent bob directly: for the two of them only. */
  private static String directImage(TestClient ann, TestClient bob) {
    String url =
        UploadRequests.postRaw(
                server.httpUri("/api/uploads"), ann.token(), TestImages.png(20, 20), "image/png")
            .json()
            .path("url")
            .asString();
    String id = TestClient.newId();
    ann.send(obj("type", "send", "to", bob.id(), "id", id, "image", obj("url", url)));
    bob.await("message", m -> id.equals(m.path("id").asString()));
    return url;
  }

  @Test
  void theCookieIsHttpOnlyStrictForTheUploadsAloneAndIsNotTheToken() {
    TestClient ann = server.user("ann");
    Answer a = UploadRequests.mintCredential(base(), ann.token());
    assertThat(a.status()).isEqualTo(204);
    String header = UploadRequests.setCookie(a, COOKIE);
    assertThat(header)
        .contains("; HttpOnly")
        .contains("; SameSite=Strict")
        .contains("; Path=/uploads/");
    assertThat(header).doesNotContain(ann.token());
    assertThat(UploadRequests.cookie(a, COOKIE)).hasSizeGreaterThanOrEqualTo(43);
    // the old cookie that held the token is cleared
    assertThat(UploadRequests.setCookie(a, "parley_token")).contains("Max-Age=0");
  }

  @Test
  void theCredentialOpensTheImagesOfItsUsersConversationsOnly() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    TestClient eve = server.user("eve");
    String url = directImage(ann, bob);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), credentialOf(bob)).status())
        .isEqualTo(200);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), credentialOf(ann)).status())
        .isEqualTo(200);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), credentialOf(eve)).status())
        .isEqualTo(404);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), "A".repeat(43)).status())
        .isEqualTo(404);
  }

  @Test
  void theTokenInACookieOpensNothingAnyMore() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String url = directImage(ann, bob);
    assertThat(UploadRequests.getWithCookie(server.httpUri(url), bob.token()).status())
        .isEqualTo(404);
    // a bot's bearer token still works
    assertThat(UploadRequests.getAs(server.httpUri(url), bob.token()).status()).isEqualTo(200);
  }

  @Test
  void signingOutRevokesTheCredentialAndClearsTheCookie() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String url = directImage(ann, bob);
    String credential = credentialOf(bob);
    String other = credentialOf(bob); // another tab or device of bob's keeps its own

    Answer out = UploadRequests.revokeCredential(base(), credential);
    assertThat(out.status()).isEqualTo(204);
    assertThat(UploadRequests.setCookie(out, COOKIE))
        .contains("Max-Age=0")
        .contains("; Path=/uploads/");
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), credential).status())
        .isEqualTo(404);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), other).status())
        .isEqualTo(200);
  }

  @Test
  void aCredentialIsOnlyGivenForAValidToken() {
    assertThat(UploadRequests.mintCredential(base(), null).status()).isEqualTo(401);
    assertThat(UploadRequests.mintCredential(base(), "not-a-token").status()).isEqualTo(401);
  }

  @Test
  void askingAgainFromTheSameBrowserReplacesItsCredential() {
    TestClient ann = server.user("ann");
    TestClient bob = server.user("bob");
    String url = directImage(ann, bob);
    String first = credentialOf(bob);
    Answer again = UploadRequests.mintCredential(base(), bob.token(), first);
    assertThat(again.status()).isEqualTo(204);
    String second = UploadRequests.cookie(again, COOKIE);
    assertThat(second).isNotEqualTo(first);
    // the browser holds the second now: the first is gone, so reloads never pile up credentials
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), first).status())
        .isEqualTo(404);
    assertThat(UploadRequests.getWithCredential(server.httpUri(url), second).status())
        .isEqualTo(200);
  }
}

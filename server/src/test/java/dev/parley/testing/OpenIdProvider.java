package dev.parley.testing;

import com.nimbusds.jose.JOSEObjectType;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider on 127.0.0.1 for the single sign-on tests: NAV's
 * mock-oauth2-server, which serves discovery, JWKS, authorization and token endpoints over HTTP and
 * signs its ID tokens with its own RSA key, so Parley's checks run against real tokens. Each
 * sign-in says who the next person is ({@link #next}); {@link #signIn} walks a browser's redirects
 * without one.
 */
public final class OpenIdProvider implements AutoCloseable {
  public static final String ISSUER_ID = "parley-test";
  public static final String CLIENT_ID = "parley";
  public static final String CLIENT_SECRET = "a-secret-only-tests-know";

  private final MockOAuth2Server server = new MockOAuth2Server();
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public OpenIdProvider() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      // the provider's first answer loads its templates and keys: seconds on a busy machine
      get(URI.create(issuer() + "/.well-known/openid-configuration"), null);
      get(URI.create(issuer() + "/jwks"), null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String issuer() {
    return server.issuerUrl(ISSUER_ID).toString();
  }

  /** The next sign-in at the provider is this person, with these extra claims. */
  public void next(String subject, Map<String, Object> claims) {
    next(subject, 3600, claims);
  }

  /** As above, with tokens that expire {@code seconds} from now (negative: already expired). */
  public void next(String subject, long seconds, Map<String, Object> claims) {
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID, subject, JOSEObjectType.JWT.getType(), List.of(CLIENT_ID), claims, seconds));
  }

  /** Where Parley's callback finally sends the browser: {@code /#signin=CODE} or an error. */
  public record Ending(String location, int status) {
    public String code() {
      return location.startsWith("/#signin=") ? location.substring("/#signin=".length()) : null;
    }
  }

  /**
   * A browser's sign-in: Parley's start, the provider's authorization (it signs the next person in
   * at once), Parley's callback with the cookie from the start; what the callback answered.
   */
  public Ending signIn(URI parley) throws Exception {
    HttpResponse<String> start = get(parley.resolve("/auth/oidc/start"), null);
    assertRedirect(start);
    String cookie = start.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    HttpResponse<String> authorized = get(URI.create(location(start)), null);
    assertRedirect(authorized);
    HttpResponse<String> callback = get(URI.create(location(authorized)), cookie);
    return new Ending(location(callback), callback.statusCode());
  }

  /**
   * Links the provider's next person to the account of {@code token}: {@code POST /auth/oidc/link},
   * then the provider, then the callback with the link's cookie.
   */
  public Ending link(URI parley, String token) throws Exception {
    HttpResponse<String> asked = post(parley.resolve("/auth/oidc/link"), token);
    if (asked.statusCode() != 200) return new Ending(null, asked.statusCode());
    String cookie = asked.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    String to = Json.parse(asked.body()).path("location").asString();
    HttpResponse<String> authorized = get(URI.create(to), null);
    assertRedirect(authorized);
    HttpResponse<String> callback = get(URI.create(location(authorized)), cookie);
    return new Ending(location(callback), callback.statusCode());
  }

  /** A POST with no body and the given bearer token (or none). */
  public HttpResponse<String> post(URI uri, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) b.header("Authorization", "Bearer " + token);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET without following redirects, with the given Cookie header (or none). */
  public HttpResponse<String> get(URI uri, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (cookie != null) b.header("Cookie", cookie);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static String location(HttpResponse<?> response) {
    return response.headers().firstValue("location").orElse(null);
  }

  private static void assertRedirect(HttpResponse<String> r) {
    if (r.statusCode() / 100 != 3)
      throw new AssertionError("expected a redirect from " + r.uri() + ", got " + r.statusCode());
  }

  @Override
  public void close() {
    server.shutdown();
  }
}

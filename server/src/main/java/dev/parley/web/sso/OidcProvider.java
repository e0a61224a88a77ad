package dev.parley.web.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.util.List;

/**
 * The OpenID Connect code flow with PKCE against one provider, through the Nimbus SDK: where to
 * send a browser ({@link #authorization}), and what the code it brings back proves ({@link
 * #identity}): the ID token's signature (the provider's published keys), issuer, audience, expiry
 * and nonce checked. Blocking HTTP to the provider: call it on {@link SsoEndpoint}'s pool only.
 *
 * <p>The discovery document and the validator (which caches the provider's keys) are made once, at
 * the first use that succeeds; a failure is tried again at the next sign-in.
 */
final class OidcProvider {
  /** Connect and read timeouts for every request to the provider. */
  static final int TIMEOUT_MILLIS = 10_000;

  private final OidcSettings settings;
  private final ClientID clientId;

  /** Set once by the pool's threads; volatile because any of them may read it. */
  private volatile Discovered discovered;

  private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  /** Who the provider said signed in. {@code name}: the name it offers (may be null). */
  record Identity(String issuer, String subject, String name) {}

  OidcProvider(OidcSettings settings) {
    this.settings = settings;
    this.clientId = new ClientID(settings.clientId());
  }

  /** The provider's address a browser is sent to, carrying the state, nonce and PKCE challenge. */
  URI authorization(URI redirect, State state, Nonce nonce, CodeVerifier verifier)
      throws Exception {
    return new AuthenticationRequest.Builder(
            new ResponseType("code"), new Scope("openid", "profile", "email"), clientId, redirect)
        .endpointURI(discovered().metadata().getAuthorizationEndpointURI())
        .state(state)
        .nonce(nonce)
        .codeChallenge(verifier, CodeChallengeMethod.S256)
        .build()
        .toURI();
  }

  /**
   * Trades the code for tokens and checks the ID token.
   *
   * @throws SsoFailure when the provider refuses or the token does not hold
   */
  Identity identity(String code, URI redirect, CodeVerifier verifier, Nonce nonce)
      throws Exception {
    Discovered d = discovered();
    TokenRequest request =
        new TokenRequest(
            d.metadata().getTokenEndpointURI(),
            new ClientSecretBasic(clientId, new Secret(settings.clientSecret())),
            new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, verifier));
    HTTPRequest http = request.toHTTPRequest();
    http.setConnectTimeout(TIMEOUT_MILLIS);
    http.setReadTimeout(TIMEOUT_MILLIS);
    HTTPResponse answer = http.send();
    var parsed = OIDCTokenResponseParser.parse(answer);
    if (!parsed.indicatesSuccess()) {
      throw new SsoFailure(
          "the provider refused the code: "
              + parsed.toErrorResponse().getErrorObject().getDescription());
    }
    JWT idToken = ((OIDCTokenResponse) parsed.toSuccessResponse()).getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims;
    try {
      claims = d.validator().validate(idToken, nonce);
    } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException e) {
      throw new SsoFailure("the ID token does not hold: " + e.getMessage());
    }
    String name = claims.getStringClaim("preferred_username");
    if (name == null || name.isBlank()) name = claims.getStringClaim("name");
    if (name == null || name.isBlank()) name = claims.getStringClaim("email");
    return new Identity(claims.getIssuer().getValue(), claims.getSubject().getValue(), name);
  }

  private Discovered discovered() throws Exception {
    Discovered d = discovered;
    if (d != null) return d;
    synchronized (this) {
      if (discovered != null) return discovered;
      OIDCProviderMetadata metadata =
          OIDCProviderMetadata.resolve(
              new Issuer(settings.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
      // Every signing algorithm the provider announces, except none and the shared-secret ones
      List<JWSAlgorithm> announced = metadata.getIDTokenJWSAlgs();
      java.util.Set<JWSAlgorithm> algs = new java.util.HashSet<>();
      if (announced != null)
        for (JWSAlgorithm a : announced) if (JWSAlgorithm.Family.SIGNATURE.contains(a)) algs.add(a);
      if (algs.isEmpty()) algs.add(JWSAlgorithm.RS256);
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build();
      IDTokenValidator validator =
          new IDTokenValidator(
              metadata.getIssuer(), clientId, new JWSVerificationKeySelector<>(algs, keys), null);
      discovered = new Discovered(metadata, validator);
      return discovered;
    }
  }

  /** A sign-in that the provider refused or that did not prove who signed in. */
  static final class SsoFailure extends Exception {
    SsoFailure(String message) {
      super(message);
    }
  }
}

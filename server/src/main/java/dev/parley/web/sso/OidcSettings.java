package dev.parley.web.sso;

/**
 * Single sign-on through an OpenID provider ({@code --oidc-issuer}, {@code --oidc-client-id},
 * {@code --oidc-client-secret}).
 *
 * @param issuer the provider's issuer URL; its discovery document is read at the first sign-in
 * @param clientId this server's client id at the provider
 * @param clientSecret this server's client secret (a confidential client; PKCE is used as well)
 * @param name what the login screen's button says after "Sign in with" (null: the issuer's host)
 * @param publicUrl the server's own address as browsers reach it, for the redirect URI the provider
 *     sends people back to (null: {@code http://} and the request's Host, right for localhost; set
 *     it behind TLS or a proxy)
 */
public record OidcSettings(
    String issuer, String clientId, String clientSecret, String name, String publicUrl) {

  public OidcSettings {
    if (issuer == null || clientId == null || clientSecret == null)
      throw new IllegalArgumentException(
          "single sign-on needs --oidc-issuer, --oidc-client-id and --oidc-client-secret");
    if (publicUrl != null && publicUrl.endsWith("/"))
      publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
  }

  /** The button's name: the given one, else the issuer's host. */
  public String label() {
    if (name != null && !name.isBlank()) return name;
    try {
      String host = java.net.URI.create(issuer).getHost();
      return host == null ? issuer : host;
    } catch (IllegalArgumentException e) {
      return issuer;
    }
  }
}

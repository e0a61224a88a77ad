package dev.parley;

import static dev.parley.Parley.Serve.blankToNull;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code parley serve}'s single sign-on options: "Sign in with ..." through an OpenID Connect
 * provider. Off unless an issuer is given; then the client id and secret are needed too.
 */
final class SsoOptions {
  @Option(
      names = "--oidc-issuer",
      defaultValue = "${env:PARLEY_OIDC_ISSUER}",
      description =
          "Single sign-on: the issuer URL of an OpenID Connect provider; adds \"Sign in with ...\" to the login screen. Needs --oidc-client-id and --oidc-client-secret. Env PARLEY_OIDC_ISSUER.")
  String oidcIssuer;

  @Option(
      names = "--oidc-client-id",
      defaultValue = "${env:PARLEY_OIDC_CLIENT_ID}",
      description = "This server's client id at the OpenID provider. Env PARLEY_OIDC_CLIENT_ID.")
  String oidcClientId;

  @Option(
      names = "--oidc-client-secret",
      defaultValue = "${env:PARLEY_OIDC_CLIENT_SECRET}",
      description =
          "This server's client secret at the OpenID provider (prefer the environment variable). Env PARLEY_OIDC_CLIENT_SECRET.")
  String oidcClientSecret;

  @Option(
      names = "--oidc-name",
      defaultValue = "${env:PARLEY_OIDC_NAME}",
      description =
          "What the login button calls the provider (\"Sign in with <name>\"); default: the issuer's host. Env PARLEY_OIDC_NAME.")
  String oidcName;

  /** Single sign-on's settings, or null when no issuer is given. */
  dev.parley.web.sso.OidcSettings settings(CommandLine command, String publicUrl) {
    if (blankToNull(oidcIssuer) == null) return null;
    if (blankToNull(oidcClientId) == null || blankToNull(oidcClientSecret) == null) {
      throw new CommandLine.ParameterException(
          command, "--oidc-issuer needs --oidc-client-id and --oidc-client-secret too");
    }
    String url = blankToNull(publicUrl);
    if (url != null && !url.matches("https?://[^/?#\\s]+/?")) {
      throw new CommandLine.ParameterException(
          command, "--public-url is the server's address, such as https://chat.example.org");
    }
    return new dev.parley.web.sso.OidcSettings(
        oidcIssuer.strip(),
        oidcClientId.strip(),
        oidcClientSecret.strip(),
        blankToNull(oidcName),
        url);
  }
}

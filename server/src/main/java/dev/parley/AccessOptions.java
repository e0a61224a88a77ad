package dev.parley;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code parley serve}'s options about who may join and who runs the server: {@code
 * --registration}, {@code --admins}, and {@code --public-url} (where invite links and the single
 * sign-on redirect point).
 */
final class AccessOptions {
  @Option(
      names = "--admins",
      split = ",",
      defaultValue = "${env:PARLEY_ADMINS}",
      description =
          "Nicks of the server's administrators, comma-separated. A listed nick counts once the account"
              + " holding it is protected (a password or passkey). Env PARLEY_ADMINS. Default: none.")
  List<String> admins;

  @Option(
      names = "--registration",
      defaultValue = "${env:PARLEY_REGISTRATION:-open}",
      description =
          "Who may make a new account: open (anyone who picks a free name), invite (with a code from"
              + " parley invite create) or closed (nobody; existing accounts still sign in)."
              + " Env PARLEY_REGISTRATION. Default: ${DEFAULT-VALUE}.")
  String registration;

  @Option(
      names = "--public-url",
      defaultValue = "${env:PARLEY_PUBLIC_URL}",
      description =
          "The address people open this server at (e.g. https://chat.example.com), for invite links."
              + " Env PARLEY_PUBLIC_URL. Default: http://localhost and the port.")
  String publicUrl;
}

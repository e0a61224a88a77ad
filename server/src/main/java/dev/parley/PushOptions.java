package dev.parley;

import dev.parley.domain.InternalHosts;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code parley serve}'s option about Web Push: which addresses of the private network a push
 * subscription's endpoint may have besides the public push services' (an operator's own relay).
 */
final class PushOptions {
  @Option(
      names = "--push-internal",
      split = ",",
      defaultValue = "${env:PARLEY_PUSH_INTERNAL}",
      description =
          "Addresses of your own network a push subscription may send to (a push relay of your own),"
              + " comma-separated: an IP address or range with an optional port, e.g. 10.1.2.3:8443 (no"
              + " port: 80 and 443). Names are not taken: a name can be pointed anywhere. Env PARLEY_PUSH_INTERNAL."
              + " Default: none, only push services at public addresses on port 443.")
  List<String> internal;

  /** The entries, checked; a bad one is a usage error. */
  List<String> internal(CommandLine command) {
    List<String> entries = internal == null ? List.of() : List.copyOf(internal);
    try {
      InternalHosts.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, "--push-internal: " + e.getMessage());
    }
    return entries;
  }
}

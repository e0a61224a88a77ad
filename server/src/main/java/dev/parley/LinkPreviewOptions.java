package dev.parley;

import dev.parley.domain.InternalHosts;
import dev.parley.links.PageFetcher;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code parley serve}'s options about link previews: whether the server fetches them at all, and
 * which addresses of the private network it may fetch them from besides the public internet.
 */
final class LinkPreviewOptions {
  @Option(
      names = "--link-previews",
      defaultValue = "${env:PARLEY_LINK_PREVIEWS:-on}",
      description =
          "on or off: whether the server fetches the first link of a message for a preview (title, description, "
              + "image; public addresses on ports 80 and 443 only). Env PARLEY_LINK_PREVIEWS. Default: on.")
  String linkPreviews;

  @Option(
      names = "--link-preview-internal",
      split = ",",
      defaultValue = "${env:PARLEY_LINK_PREVIEW_INTERNAL}",
      description =
          "Addresses of your own network whose pages get previews too (an intranet wiki), comma-separated:"
              + " an IP address or range with an optional port, e.g. 10.0.0.0/8 or 10.1.2.3:8080 (no port: 80"
              + " and 443). Names are not taken: a name can be pointed anywhere. Env"
              + " PARLEY_LINK_PREVIEW_INTERNAL. Default: none, only public addresses.")
  List<String> internal;

  /** The fetcher the options ask for, or null (previews off); a bad option is a usage error. */
  PageFetcher fetcher(CommandLine command) {
    if (!linkPreviews.equals("on") && !linkPreviews.equals("off"))
      throw new CommandLine.ParameterException(
          command, "--link-previews is on or off, not " + linkPreviews);
    InternalHosts hosts;
    try {
      hosts = InternalHosts.parse(internal == null ? List.of() : internal);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          command, "--link-preview-internal: " + e.getMessage());
    }
    return linkPreviews.equals("on") ? PageFetcher.allowing(hosts) : null;
  }
}

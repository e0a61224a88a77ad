package dev.parley.domain;

import java.util.concurrent.CompletableFuture;

/**
 * The port to the pages messages link to: fetches a page's title, description and image. The
 * adapter is hostile-input code (its rules: docs/security.md, "Link previews"); it never blocks the
 * caller and bounds its own work.
 */
public interface LinkPages {

  /** The most bytes read of a page, and of its image. */
  int MAX_BYTES = 1 << 20;

  /**
   * What {@code url} leads to, or null when it has nothing to show (refused, not HTML, no title,
   * too slow, too large). Fails only when the adapter is too busy to try.
   */
  CompletableFuture<Page> fetch(String url);

  /**
   * A page as found.
   *
   * @param title its title, never blank
   * @param description its description, or null
   * @param imageType the media type of its image ({@link PreviewImage#type}), or null without one
   * @param image the image's bytes, or null
   */
  record Page(String title, String description, String imageType, byte[] image) {}
}

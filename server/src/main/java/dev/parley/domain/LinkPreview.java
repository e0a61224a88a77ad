package dev.parley.domain;

/**
 * What a message's first link leads to, as the server fetched it: attached to the message after it
 * was stored, as a change. Every field is plain text from a stranger's page, shown as text.
 *
 * @param url the link as written in the message (http or https)
 * @param title the page's title (OpenGraph {@code og:title}, else its {@code <title>}); never null
 * @param description the page's description ({@code og:description}, else its meta description), or
 *     null
 * @param image the path on this server of the page's image ({@code /uploads/previews/<name>}),
 *     fetched and kept by the server, or null
 */
public record LinkPreview(String url, String title, String description, String image) {

  /** The longest title kept, in characters; a longer one is cut. */
  public static final int MAX_TITLE = 300;

  /** The longest description kept, in characters; a longer one is cut. */
  public static final int MAX_DESCRIPTION = 1000;

  /** The longest link a preview is fetched for. */
  public static final int MAX_URL = 2000;

  /** Where this server serves preview images. */
  public static final String IMAGE_PATH = "/uploads/previews/";

  /** The name of a preview image (the last part of {@link #image}), or null. */
  public String imageName() {
    return image == null ? null : image.substring(image.lastIndexOf('/') + 1);
  }
}

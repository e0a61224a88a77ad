package dev.parley.links;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a page says about itself, read with jsoup (an HTML5 parser, not patterns over the text):
 * OpenGraph's {@code og:title}, {@code og:description} and {@code og:image}, else the {@code
 * <title>}, the meta description and {@code twitter:image}. Only text comes out: the server never
 * keeps or sends any of the page's markup.
 */
final class PageParser {
  private PageParser() {}

  /**
   * @param title blank when the page has none
   * @param image an absolute link, or null
   */
  record Found(String title, String description, String image) {}

  /**
   * @param charset from the answer's {@code Content-Type}, or null to let the page say (a BOM, a
   *     meta charset), else UTF-8
   * @param base the page's address, against which a relative image link resolves
   */
  static Found parse(byte[] html, String charset, String base) throws IOException {
    Document d;
    try {
      d = Jsoup.parse(new ByteArrayInputStream(html), charset, base);
    } catch (java.nio.charset.IllegalCharsetNameException
        | java.nio.charset.UnsupportedCharsetException e) {
      d = Jsoup.parse(new ByteArrayInputStream(html), null, base);
    }
    String title = meta(d, "og:title");
    if (title == null) title = d.title();
    String description = meta(d, "og:description");
    if (description == null) description = meta(d, "description");
    String image = metaUrl(d, "og:image");
    if (image == null) image = metaUrl(d, "og:image:url");
    if (image == null) image = metaUrl(d, "og:image:secure_url");
    if (image == null) image = metaUrl(d, "twitter:image");
    return new Found(title == null ? "" : title.strip(), description, image);
  }

  private static Element metaElement(Document d, String key) {
    for (Element m : d.select("meta")) {
      if (key.equalsIgnoreCase(m.attr("property")) || key.equalsIgnoreCase(m.attr("name"))) {
        if (!m.attr("content").isBlank()) return m;
      }
    }
    return null;
  }

  private static String meta(Document d, String key) {
    Element m = metaElement(d, key);
    return m == null ? null : m.attr("content").strip();
  }

  private static String metaUrl(Document d, String key) {
    Element m = metaElement(d, key);
    if (m == null) return null;
    String abs = m.absUrl("content");
    return abs.isEmpty() ? null : abs;
  }
}

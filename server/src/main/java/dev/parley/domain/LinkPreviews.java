package dev.parley.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link previews: after a message with a link is stored and delivered, the page its first link leads
 * to is fetched ({@link LinkPages}, off the event loops and the writer) and what it shows (title,
 * description, image) is attached to the message as a change ({@link Amendment.Preview}), so it
 * takes the room's next rev and a reconnecting client catches up on it like on an edit. The author
 * may remove it ({@code unpreview}, {@link Amendment.Unpreview}). An edit that changes the link
 * drops the old preview and fetches the new one. A slow site never holds up a message: the message
 * has gone out before the fetch starts. Only the node that stored the message fetches; the others
 * learn the change like any other.
 *
 * <p>Bounds: at most {@link #PER_USER} fetches under way per author (a flood of links from one
 * person gets no more previews until those end); the adapter bounds the rest (its pool and queue).
 */
public final class LinkPreviews {
  /** Fetches one author may have under way at once; their further links get no preview. */
  static final int PER_USER = 2;

  private static final Logger LOG = LoggerFactory.getLogger(LinkPreviews.class);

  /**
   * An http(s) link in text: up to the first whitespace or character that cannot end a bare URL in
   * Markdown ({@code <}, {@code >}, quotes, backtick).
   */
  private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`\\\\]+");

  /**
   * Markdown code: fenced blocks (``` or ~~~, to their closing fence or the end) and inline code
   * spans. A link written as code (a command, a config line) is not a link to preview.
   */
  private static final Pattern CODE = Pattern.compile("(?s)(```|~~~).*?(\\1|\\z)|`[^`\n]*`");

  private final Registry registry;
  private final RoomLog log;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Integer> underWay = new ConcurrentHashMap<>();
  private volatile LinkPages pages;

  LinkPreviews(Registry registry, RoomLog log) {
    this.registry = registry;
    this.log = log;
    log.afterMessage(this::stored);
    log.afterEdit(this::edited);
  }

  /** Turns previews on with {@code pages} (null: off, as without a call). Set once, at start. */
  public void start(LinkPages pages) {
    this.pages = pages;
  }

  /** Whether previews are on. */
  public boolean on() {
    return pages != null;
  }

  /** {@code unpreview}: the author removes their message's preview. */
  public void unpreview(Session session, String roomName, long seq, String ref) {
    RoomState room = registry.memberRoom(session, roomName);
    log.amend(room, new Amendment.Unpreview(room.name, seq, session.user.id), session.client, ref);
  }

  /**
   * An edit was stored and published: a message left without a preview (its link changed, so the
   * edit dropped the old one, or it had none) gets one for its first link as a new message would.
   */
  void edited(Message m) {
    if (m.preview() == null) stored(m);
  }

  /** A new message was stored and published (on the writer thread): fetch its first link. */
  void stored(Message m) {
    LinkPages fetcher = pages;
    if (fetcher == null || m.deleted() || m.text() == null) return;
    String url = firstLink(m.text());
    if (url == null) return;
    String author = m.from().id();
    if (underWay.merge(author, 1, Integer::sum) > PER_USER) {
      done(author);
      LOG.debug("no preview for {} #{}: its author has {} under way", m.room(), m.seq(), PER_USER);
      return;
    }
    java.util.concurrent.CompletableFuture<LinkPages.Page> fetch;
    try {
      fetch = fetcher.fetch(url);
    } catch (RuntimeException busy) {
      done(author);
      return;
    }
    fetch.whenComplete(
        (page, error) -> {
          done(author);
          if (error != null) {
            LOG.debug("no preview for {}: {}", m.room(), error.toString());
          } else if (page != null) {
            attach(m, url, page);
          }
        });
  }

  private void done(String author) {
    underWay.computeIfPresent(author, (k, n) -> n <= 1 ? null : n - 1);
  }

  private void attach(Message m, String url, LinkPages.Page page) {
    RoomState room = registry.rooms.get(m.room());
    if (room == null) return;
    PreviewImage image = null;
    if (page.image() != null && page.imageType() != null) {
      image = new PreviewImage(newName(page.imageType()), page.imageType(), page.image());
    }
    LinkPreview preview =
        new LinkPreview(
            url,
            cut(page.title(), LinkPreview.MAX_TITLE),
            page.description() == null || page.description().isBlank()
                ? null
                : cut(page.description(), LinkPreview.MAX_DESCRIPTION),
            image == null ? null : LinkPreview.IMAGE_PATH + image.name());
    log.amend(room, new Amendment.Preview(m.room(), m.seq(), preview, image), null, null);
  }

  private String newName(String type) {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String ext =
        switch (type) {
          case "image/png" -> "png";
          case "image/gif" -> "gif";
          case "image/webp" -> "webp";
          default -> "jpg";
        };
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b) + "." + ext;
  }

  /**
   * Text as a preview may show it: controls and invisible characters out, runs of whitespace one
   * space, at most {@code max} characters (an ellipsis when cut).
   */
  static String cut(String text, int max) {
    StringBuilder b = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = b.length() > 0;
        continue;
      }
      int t = Character.getType(c);
      if (t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE) continue;
      if (space) b.append(' ');
      space = false;
      b.appendCodePoint(c);
      if (b.codePointCount(0, b.length()) >= max) {
        b.append('…');
        break;
      }
    }
    return b.toString();
  }

  /**
   * The first http or https link of a message's text, without the punctuation that ends a sentence
   * or closes a bracket around it (a closing parenthesis stays when the link opened one), or null.
   * Links in code (fenced blocks, inline spans) do not count. It runs on the writer thread for
   * every message: a text without "://" (most) is answered by one scan, before any regex.
   */
  static String firstLink(String text) {
    if (text == null || !text.contains("://")) return null;
    Matcher m = LINK.matcher(CODE.matcher(text).replaceAll(" "));
    while (m.find()) {
      String url = trim(m.group());
      if (url.length() > LinkPreview.MAX_URL) continue;
      int hostStart = url.indexOf("://") + 3;
      if (url.length() > hostStart) return url;
    }
    return null;
  }

  private static String trim(String url) {
    int end = url.length();
    while (end > 0) {
      char c = url.charAt(end - 1);
      if (".,;:!?*_~]}".indexOf(c) >= 0) {
        end--;
      } else if (c == ')' && count(url, '(', end) < count(url, ')', end)) {
        end--;
      } else {
        break;
      }
    }
    return url.substring(0, end);
  }

  private static int count(String s, char c, int end) {
    int n = 0;
    for (int i = 0; i < end; i++) if (s.charAt(i) == c) n++;
    return n;
  }
}

package dev.parley.archive;

import dev.parley.domain.Amendment;
import dev.parley.domain.Characters;
import dev.parley.domain.Event;
import dev.parley.domain.Image;
import dev.parley.domain.Message;
import dev.parley.domain.Names;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.uploads.ImageProbe;
import dev.parley.uploads.UploadNames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an imported room keeps, checked event by event as {@link JsonArchive} reads the file.
 *
 * <p>Why: an export is a file, and a file can say anything. Live traffic could never have made a
 * room called {@code Bad Room!}, a 20,000-character message, a seq one short of {@code
 * Long.MAX_VALUE} or a message signed by someone else; an import must not either. So:
 *
 * <ul>
 *   <li><b>The rules of live traffic</b>, from the same code: room names ({@link Names#isRoom}),
 *       topics, nicks, avatars, client ids, reactions ({@link Names}), the character rules ({@link
 *       Characters}), the text limit ({@code --max-text}), at most {@value Amendment#MAX_EMOJI}
 *       emoji per message, image URLs of this server's shape and names as the upload store cleans
 *       them.
 *   <li><b>No direct conversations.</b> Only its two people may vouch for what was said in one; a
 *       file that could plant one would put words in two real users' mouths.
 *   <li><b>The log's shape:</b> seqs contiguous from the first (1, or later after retention) to the
 *       header's {@code lastSeq}, seqs and revs at most {@value #MAX_SEQ} (so the room goes on
 *       without wrapping and every JavaScript client counts it exactly), timestamps from 0 to a day
 *       ahead of this machine's clock, a deleted message without text, image or reactions.
 *   <li><b>The file speaks for nobody here.</b> Every person it names (authors, reactors, the
 *       room's creator) is a stranger to the target database: no user there has their id, and none
 *       holds their nick (case-insensitively). Such authors become people of the archive: no token
 *       leads to them, so nobody can sign in as them or edit their words. Only the operator may
 *       lift this, with {@code --trust-authors}, for a file exported from this very server
 *       (restoring a room after losing it): then its authors are the users they name.
 * </ul>
 *
 * Whether a client id is unique per author is checked by {@link Importer}, which needs the
 * database. Not thread-safe: one file, one thread.
 */
final class ImportCheck {
  /**
   * Highest seq or rev an import accepts: 2^52. JavaScript counts exactly to 2^53, so a room
   * imported at the bound still has 2^52 events to go before any client miscounts, and no counter
   * comes anywhere near wrapping.
   */
  static final long MAX_SEQ = 1L << 52;

  /**
   * How far ahead of this machine's clock a timestamp may be: the nodes' clocks differ a little.
   */
  static final long MAX_AHEAD_MILLIS = 24 * 60 * 60 * 1000L;

  /** Where this server's uploads are: {@code /uploads/} and a file name, nothing else. */
  private static final Pattern IMAGE_URL =
      Pattern.compile("/uploads/[A-Za-z0-9_-]{1,128}(\\.[a-z0-9]{1,10})?");

  private final Map<String, Snapshot.UserRow> users = new HashMap<>();
  private final Set<String> nicks = new HashSet<>();
  private final List<Snapshot.RoomRow> rooms;
  private final Importer.Options options;
  private final long now;

  /** The header, once read. */
  private Snapshot.RoomRow room;

  /** The seq of the last event read; 0 before the first. */
  private long last;

  /**
   * @param target what the database already holds (its users, its rooms)
   * @param now this machine's clock, for timestamps from the future
   */
  ImportCheck(Snapshot target, Importer.Options options, long now) {
    for (Snapshot.UserRow u : target.users()) {
      users.put(u.id(), u);
      nicks.add(Names.nickKey(u.nick()));
    }
    this.rooms = target.rooms();
    this.options = options;
    this.now = now;
  }

  void room(Snapshot.RoomRow r, int line) {
    if (Names.isDirect(r.name())) {
      refuse(
          line,
          "the room "
              + r.name()
              + " is a direct conversation, and those are not imported: only its two people"
              + " may vouch for what was said in one (keep its export as a file instead)");
    }
    if (!Names.isRoom(r.name())) {
      refuse(
          line,
          "'"
              + r.name()
              + "' is not a room name (1 to 32 of a-z, 0-9, '_' and '-', starting with a letter or digit)");
    }
    String topic = r.topic() == null ? "" : r.topic();
    if (!topic.equals(topic.strip())
        || Names.length(topic) > Names.MAX_TOPIC
        || !Characters.isLabel(topic)) {
      refuse(
          line,
          "the room's topic breaks the rules of a topic (at most "
              + Names.MAX_TOPIC
              + " characters, no spaces around it, no control, bidi or invisible characters)");
    }
    if (r.createdBy() != null) person(r.createdBy(), line, "the room's creator");
    time(r.createdTs(), line, "the room's creation");
    bounded(r.lastSeq(), line, "lastSeq");
    bounded(r.lastRev(), line, "rev");
    for (Snapshot.RoomRow e : rooms) {
      if (e.name().equals(r.name()) && e.lastSeq() > 0) {
        refuse(
            line,
            "the room "
                + r.name()
                + " already holds "
                + e.lastSeq()
                + " events here; import it into a database without it");
      }
    }
    room = r;
  }

  void event(Event e, int line) {
    long due = last + 1;
    if (last == 0 ? e.seq() < 1 : e.seq() != due) {
      refuse(
          line,
          "seq "
              + e.seq()
              + " where seq "
              + (last == 0 ? "1 or more" : due)
              + " was due: a log has no gaps");
    }
    bounded(e.seq(), line, "seq");
    if (e.seq() > room.lastSeq())
      refuse(line, "seq " + e.seq() + " is beyond the room's lastSeq " + room.lastSeq());
    time(e.ts(), line, "the event's");
    if (e instanceof Message m) {
      message(m, line);
    } else if (e instanceof Notice n) {
      profile(n.user(), line, "the notice's user");
    } else {
      throw new IllegalStateException("an event that is neither a message nor a notice: " + e);
    }
    last = e.seq();
  }

  /** After the last event: the log ends where the header said (an empty one may follow a purge). */
  void end(int line) {
    if (last > 0 && last != room.lastSeq()) {
      refuse(
          line, "the events end at seq " + last + " but the room's lastSeq is " + room.lastSeq());
    }
  }

  private void message(Message m, int line) {
    if (!Names.isClientId(m.id()))
      refuse(line, "the message's id is not 1 to 64 characters without control characters");
    if (m.edited() != null) time(m.edited(), line, "the edit's");
    bounded(m.rev(), line, "rev");
    if (m.deleted()) {
      if (m.text() != null
          || m.image() != null
          || m.file() != null
          || !m.reactions().isEmpty()
          || m.preview() != null) {
        refuse(line, "a deleted message keeps no text, image, file, reactions or preview");
      }
    } else {
      if ((m.text() == null || m.text().isBlank()) && m.image() == null && m.file() == null)
        refuse(line, "a message needs some text, an image or a file");
      if (m.image() != null && m.file() != null)
        refuse(line, "a message carries an image or a file, not both");
      if (m.text() != null) text(m.text(), line);
      if (m.image() != null) image(m.image(), line);
      if (m.preview() != null) preview(m.preview(), line);
      if (m.file() != null) ImportedFiles.check(m.file(), line, (why, at) -> refuse(at, why));
    }
    ImportedMentions.check(m, line, (why, at) -> refuse(at, why));
    profile(m.from(), line, "the author");
    if (m.reactions().size() > Amendment.MAX_EMOJI) {
      refuse(
          line,
          "a message carries at most "
              + Amendment.MAX_EMOJI
              + " different emoji, not "
              + m.reactions().size());
    }
    for (Map.Entry<String, List<String>> r : m.reactions().entrySet()) {
      if (!Names.isReaction(r.getKey())) {
        refuse(
            line,
            "a reaction is one emoji (up to "
                + Names.MAX_REACTION
                + " characters, no spaces, controls or invisible characters)");
      }
      if (r.getValue().isEmpty() || new HashSet<>(r.getValue()).size() != r.getValue().size()) {
        refuse(line, "a reaction's users are a list without repeats");
      }
      for (String user : r.getValue()) person(user, line, "a reaction's user");
    }
  }

  private void text(String text, int line) {
    if (!Characters.isText(text))
      refuse(line, "the text holds a control character or a lone surrogate");
    int length = Names.length(text);
    if (length > options.maxText()) {
      refuse(
          line,
          "the text is "
              + length
              + " characters; this server takes at most "
              + options.maxText()
              + " (--max-text)");
    }
  }

  private void image(Image image, int line) {
    if (image.url() == null || !IMAGE_URL.matcher(image.url()).matches()) {
      refuse(line, "the image is not one of this server's uploads (/uploads/ and a file name)");
    }
    String name = image.name();
    if (name != null
        && (!name.equals(UploadNames.cleanName(name)) || Characters.hasLoneSurrogate(name))) {
      refuse(
          line,
          "the image's name is not one the server keeps (no path, control or bidi characters, at most "
              + UploadNames.MAX_NAME_CHARS
              + ")");
    }
    for (Integer side : new Integer[] {image.width(), image.height()}) {
      if (side != null && (side < 1 || side > ImageProbe.MAX_SIDE)) {
        refuse(line, "the image's size is not 1 to " + ImageProbe.MAX_SIDE + " pixels a side");
      }
    }
  }

  private static final java.util.regex.Pattern PREVIEW_IMAGE =
      java.util.regex.Pattern.compile(
          java.util.regex.Pattern.quote(dev.parley.domain.LinkPreview.IMAGE_PATH)
              + "[A-Za-z0-9_-]{32}\\.(png|jpg|gif|webp)");

  /** A link preview as the server makes them: a link, short plain text, an image of its own. */
  private void preview(dev.parley.domain.LinkPreview p, int line) {
    String url = p.url();
    if (url == null
        || url.length() > dev.parley.domain.LinkPreview.MAX_URL
        || !(url.startsWith("http://") || url.startsWith("https://"))) {
      refuse(line, "the preview's url is not an http or https link");
    }
    if (p.title() == null
        || p.title().length() > dev.parley.domain.LinkPreview.MAX_TITLE + 2
        || !Characters.isText(p.title())) {
      refuse(line, "the preview's title is missing, too long or holds control characters");
    }
    if (p.description() != null
        && (p.description().length() > dev.parley.domain.LinkPreview.MAX_DESCRIPTION + 2
            || !Characters.isText(p.description()))) {
      refuse(line, "the preview's description is too long or holds control characters");
    }
    if (p.image() != null && !PREVIEW_IMAGE.matcher(p.image()).matches()) {
      refuse(line, "the preview's image is not one of this server's preview images");
    }
  }

  /** An author as the event names them: their id, their nick then, their avatar then. */
  private void profile(Profile p, int line, String who) {
    if (p.id() == null) refuse(line, who + " has no id");
    if (p.nick() == null || !p.nick().equals(Names.nick(p.nick()))) {
      refuse(line, who + "'s nick '" + p.nick() + "' breaks the rules of a nick");
    }
    if (p.avatar() != null && !Names.isAvatar(p.avatar())) {
      refuse(
          line,
          who
              + "'s avatar is not one emoji or short key (no spaces, control, bidi or invisible characters)");
    }
    person(p.id(), line, who);
    if (!options.trustAuthors() && nicks.contains(Names.nickKey(p.nick()))) {
      refuse(
          line,
          who
              + "'s nick '"
              + p.nick()
              + "' is held here by a user of this database; a file may not speak"
              + " under an existing user's name (use --trust-authors only for a file exported from this very server)");
    }
  }

  /** Someone the file names by id: a stranger here, unless the operator vouches for the file. */
  private void person(String id, int line, String who) {
    if (!Names.isUserId(id))
      refuse(line, who + " '" + id + "' is not a user id (1 to 64 of A-Z, a-z, 0-9, '_' and '-')");
    Snapshot.UserRow user = users.get(id);
    if (user != null && !options.trustAuthors()) {
      refuse(
          line,
          who
              + " is "
              + id
              + " ("
              + user.nick()
              + "), a user of this database: a file may not put words in an"
              + " existing user's mouth (use --trust-authors only for a file exported from this very server)");
    }
  }

  private void time(long ts, int line, String what) {
    if (ts < 0 || ts > now + MAX_AHEAD_MILLIS) {
      refuse(
          line,
          what + " time " + ts + " is not between 0 and a day from now (milliseconds since 1970)");
    }
  }

  private static void bounded(long n, int line, String what) {
    if (n < 0 || n > MAX_SEQ) refuse(line, what + " " + n + " is not between 0 and " + MAX_SEQ);
  }

  private static void refuse(int line, String why) {
    throw new ImportRefused(line, Objects.requireNonNull(why));
  }
}

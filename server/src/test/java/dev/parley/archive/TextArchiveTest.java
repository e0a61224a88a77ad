package dev.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Retention;
import dev.parley.domain.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The text export's first line counts the events it holds, not the seqs ever used; its last lines
 * say which user each name belongs to.
 */
class TextArchiveTest {

  private static String header(long firstSeq, long lastSeq) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextArchive txt = new TextArchive(out, ZoneId.of("UTC"), "");
    txt.begin(
        new Snapshot.RoomRow("plans", null, "u1", 0, lastSeq, 0, firstSeq, Retention.KEEP_ALL));
    txt.end();
    return out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
  }

  @Test
  void afterRetentionTheHeaderCountsWhatIsLeftAndSaysWhereItStarts() throws Exception {
    assertThat(header(1, 7)).isEqualTo("# Parley export of plans, 7 events, times in UTC");
    assertThat(header(5, 9))
        .isEqualTo("# Parley export of plans, 5 events (#5 to #9), times in UTC");
    assertThat(header(1, 0)).isEqualTo("# Parley export of plans, 0 events, times in UTC");
  }

  @Test
  void twoPeopleWhoUsedOneNameAreToldApartAtTheEnd() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TextArchive txt = new TextArchive(out, ZoneId.of("UTC"), "");
    Profile bob = new Profile("u-bob", "bob", null);
    Profile newcomer = new Profile("u-new", "bob", null);
    txt.begin(new Snapshot.RoomRow("plans", null, "u1", 0, 4, 0, 1, Retention.KEEP_ALL));
    txt.event(new Notice("plans", 1, 1000, Notice.Kind.JOIN, bob));
    txt.event(Message.draft("plans", "c1", bob, 2000, "lunch?", null).withSeq(2));
    txt.event(
        Message.draft("plans", "c2", new Profile("u-bob", "rob", null), 3000, "hi", null)
            .withSeq(3));
    txt.event(Message.draft("plans", "c3", newcomer, 4000, "I am new", null).withSeq(4));
    txt.end();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("#2  <bob> lunch?").contains("#4  <bob> I am new");
    assertThat(text.lines().dropWhile(l -> !l.startsWith("# Who is who")).toList())
        .containsExactly(
            "# Who is who: each name as written, and the user id it belongs to",
            "#   bob: users u-bob, u-new (2 different people)",
            "#   rob: user u-bob");
  }
}

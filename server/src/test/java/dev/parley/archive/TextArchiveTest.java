package dev.parley.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Retention;
import dev.parley.domain.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The text export's first line counts the events it holds, not the seqs ever used. */
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
}

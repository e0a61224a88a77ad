package dev.parley.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Out;
import dev.parley.domain.Profile;
import dev.parley.domain.Retention;
import dev.parley.domain.Status;
import dev.parley.json.WireJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reply encoded straight into a socket buffer is byte for byte the frame the framed array would
 * be, for each of the three header lengths (a welcome grows past 64 kB with about 700 people
 * online), and the buffer holds one reference: the write releases it.
 */
class TextFramesTest {

  static List<Out> frames() {
    return List.of(new Out.Pong("1"), welcome(10), welcome(3_000));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void aReplyWrittenIntoABufferIsTheFramedJson(Out frame) {
    byte[] json = WireJson.encode(frame);
    ByteBuf buf = TextFrames.encode(frame, PooledByteBufAllocator.DEFAULT);
    try {
      byte[] bytes = ByteBufUtil.getBytes(buf);
      assertThat(bytes).isEqualTo(TextFrames.frame(json));
      assertThat(bytes[0]).as("final text frame").isEqualTo((byte) 0x81);
      assertThat(payloadLength(bytes)).isEqualTo(json.length);
      assertThat(buf.refCnt()).isEqualTo(1);
    } finally {
      buf.release();
    }
  }

  @Test
  void theThreeHeaderLengthsAreCovered() {
    assertThat(frames())
        .extracting(f -> TextFrames.frame(WireJson.encode(f))[1] & 0x7F)
        .satisfiesExactly(
            small -> assertThat(small).isLessThan(126),
            medium -> assertThat(medium).isEqualTo(126),
            large -> assertThat(large).isEqualTo(127));
  }

  /** The payload length a server frame's header gives (servers do not mask). */
  private static long payloadLength(byte[] frame) {
    int first = frame[1] & 0x7F;
    if (first < 126) return first;
    int bytes = first == 126 ? 2 : 8;
    long n = 0;
    for (int i = 0; i < bytes; i++) n = (n << 8) | (frame[2 + i] & 0xFF);
    return n;
  }

  private static Out.Welcome welcome(int online) {
    List<Out.UserView> users = new ArrayList<>();
    for (int i = 0; i < online; i++) {
      users.add(new Out.UserView("u" + i, "person-" + i, null, Status.ONLINE));
    }
    return new Out.Welcome(
        "1",
        new Profile("u", "me", null),
        "t",
        List.of(),
        List.of(),
        users,
        "0",
        new Out.Limits(1, 1, 1, 1, 1),
        Retention.KEEP_ALL,
        false,
        null,
        null,
        false,
        null);
  }
}

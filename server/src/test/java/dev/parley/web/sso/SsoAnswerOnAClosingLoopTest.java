package dev.parley.web.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A single sign-on answer made off the loop (the provider's reply, a linking ticket) goes back to
 * the connection's loop to be written; when the server closed meanwhile, the loop refuses it and
 * the response's buffer is released, once. A real loop that has been shut down, as in web's
 * ClosingLoopReleasesHeldRequestsTest: the moment cannot be reached from outside without timing.
 * Each response is retained once more than the code owns, so a double release shows too.
 */
class SsoAnswerOnAClosingLoopTest {

  private final MultiThreadIoEventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
  private final EventLoop loop = group.next();

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  private static FullHttpResponse answer() {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.FOUND,
            ByteBufAllocator.DEFAULT.directBuffer(32).writeLong(42));
    return res.retain();
  }

  @Test
  void anAnswerTheClosedLoopRefusesIsReleasedOnce() {
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    FullHttpResponse res = answer();
    AtomicBoolean written = new AtomicBoolean();

    SsoEndpoint.onLoop(loop, () -> written.set(true), res);

    assertThat(written).isFalse();
    assertThat(res.refCnt()).as("references left: this test's only").isEqualTo(1);
    res.release();
  }

  @Test
  void onAnOpenLoopTheAnswerIsWrittenAndNotReleasedHere() {
    FullHttpResponse res = answer();
    AtomicBoolean written = new AtomicBoolean();

    SsoEndpoint.onLoop(loop, () -> written.set(loop.inEventLoop()), res);

    await().atMost(Duration.ofSeconds(5)).untilTrue(written);
    assertThat(res.refCnt()).as("the writer owns its reference").isEqualTo(2);
    res.release(2);
  }
}

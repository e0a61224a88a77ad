package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that waits for something off its event loop (the emoji catalogue being built, a token
 * looked up after a cluster catch-up, and so an upload's held body) holds buffers; when the server
 * closes meanwhile its loop refuses the hand-back, and what was held is released all the same,
 * once. Driven with a real event loop that has been shut down, as a closing server's are: from
 * outside, a request cannot be made to be pending at the instant the server closes without timing
 * (the catalogue build and a catch-up take what they take). Buffers come from the pooled allocator,
 * so a leak also fails the test through {@code LeakCheck}; each is retained once more than the code
 * under test owns, so a double release shows as well as a missing one.
 */
class ClosingLoopReleasesHeldRequestsTest {

  private MultiThreadIoEventLoopGroup group;
  private EventLoop loop;

  @BeforeEach
  void closedLoop() throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    loop = group.next();
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  private void close() {
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    assertThat(loop.isTerminated()).isTrue();
  }

  /** A pooled buffer with one reference for the code under test and one for this test. */
  private static ByteBuf held() {
    ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
    return buf.retain();
  }

  @Test
  void aTaskTheClosedLoopRefusesReleasesWhatItHeldOnce() {
    close();
    ByteBuf buf = held();
    AtomicBoolean ran = new AtomicBoolean();

    LoopHandoff.runThenRelease(loop, buf, () -> ran.set(true));

    assertThat(ran).as("the task, on a loop that is gone").isFalse();
    assertThat(buf.refCnt()).as("references left: this test's only").isEqualTo(1);
    buf.release();
  }

  @Test
  void onAnOpenLoopTheTaskRunsThenReleasesOnceEvenWhenItFails() {
    ByteBuf buf = held();
    AtomicInteger seen = new AtomicInteger();

    LoopHandoff.runThenRelease(
        loop,
        buf,
        () -> {
          seen.set(buf.refCnt());
          throw new IllegalStateException("the answer could not be written");
        });

    await().atMost(Duration.ofSeconds(5)).until(() -> buf.refCnt() == 1);
    assertThat(seen).as("references while the task ran").hasValue(2);
    buf.release();
  }

  @Test
  void aTokenAnsweredAfterTheServerClosedDropsTheRequestsHeldBody() {
    // UploadIntake holds the body read so far and passes its release as dropped
    BearerTokens tokens = new BearerTokens((token, then) -> then.accept("u1"));
    close();
    ByteBuf body = held();
    AtomicBoolean answered = new AtomicBoolean();

    tokens.user("fresh-token", loop, id -> answered.set(true), body::release);

    assertThat(answered).isFalse();
    assertThat(body.refCnt()).as("references left: this test's only").isEqualTo(1);
    body.release();
  }

  @Test
  void anEmojiRequestWaitingForTheCatalogueIsReleasedWhenTheServerClosesFirst()
      throws InterruptedException {
    LocalChannel channel = new LocalChannel();
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter());
    loop.register(channel).sync();
    ChannelHandlerContext ctx = channel.pipeline().firstContext();
    close();
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, EmojiEndpoint.STABLE_PATH, held());
    EmojiEndpoint emoji = new EmojiEndpoint(); // a fresh one: its catalogue is not built yet

    emoji.serve(ctx, req, EmojiEndpoint.STABLE_PATH);
    // the router releases its reference once serve returns, as SimpleChannelInboundHandler does
    req.release();

    emoji.body().join();
    await().atMost(Duration.ofSeconds(5)).until(() -> req.refCnt() == 1);
    assertThat(req.refCnt()).as("references left: this test's only").isEqualTo(1);
    req.release();
  }
}

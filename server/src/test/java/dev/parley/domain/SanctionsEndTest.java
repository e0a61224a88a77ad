package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mute or a timed room ban ends on its own: the muted member sends again, the banned user joins
 * again, once the clock passes {@code until}, and not a millisecond before; and both hold again
 * after a restart, from the store.
 */
class SanctionsEndTest {
  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000_000);

  /** A connection that keeps what it was sent. */
  static final class Frames implements Client {
    final List<Out> frames = new CopyOnWriteArrayList<>();

    @Override
    public void send(Out frame) {
      frames.add(frame);
    }

    @Override
    public void close(int code, String reason) {}

    String token() {
      for (Out f : frames) if (f instanceof Out.Welcome w) return w.token();
      throw new AssertionError("no welcome in " + frames);
    }

    boolean answered(String ref) {
      return frames.stream().anyMatch(f -> f instanceof Out.Ok ok && ref.equals(ok.ref()));
    }
  }

  @BeforeEach
  void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat = TestChats.chat(store, 100, now::get, (to, frame) -> {});
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String code(Runnable r) {
    try {
      r.run();
    } catch (ChatException e) {
      return e.code().wire();
    }
    return "ok";
  }

  @Test
  void aMuteAndATimedBanEndWhenTheClockPassesUntilAndOutliveARestart() {
    Frames a = new Frames();
    Frames b = new Frames();
    Frames c = new Frames();
    Session ann = chat.hello(a, "ann", null, null, "h");
    Session bob = chat.hello(b, "bob", null, null, "h");
    Session cleo = chat.hello(c, "cleo", null, null, "h");
    chat.create(ann, "ops", null, "c1");
    await().until(() -> a.answered("c1"));
    chat.join(bob, "ops", "j1");
    chat.moderation().mute(ann, "ops", bob.user.id, 1L, null, "m1");
    chat.moderation().ban(ann, "ops", cleo.user.id, null, 2L, "b1");
    Post hi = new Post("ops", null, "p1", "hi", null, null);
    assertThat(code(() -> chat.send(bob, hi, "s1"))).isEqualTo("muted");
    assertThat(code(() -> chat.join(cleo, "ops", "j2"))).isEqualTo("banned");

    await().until(() -> a.answered("b1"));
    store.close(); // waits for the queued writes
    open();
    Session bob2 = chat.hello(new Frames(), null, null, b.token(), "h");
    Session cleo2 = chat.hello(new Frames(), null, null, c.token(), "h");
    now.addAndGet(59_999);
    assertThat(code(() -> chat.send(bob2, hi, "s2")))
        .as("not a millisecond early")
        .isEqualTo("muted");
    now.addAndGet(1);
    assertThat(code(() -> chat.send(bob2, hi, "s3"))).isEqualTo("ok");
    assertThat(code(() -> chat.join(cleo2, "ops", "j3"))).isEqualTo("banned");
    now.addAndGet(60_000);
    assertThat(code(() -> chat.join(cleo2, "ops", "j4"))).isEqualTo("ok");
  }
}

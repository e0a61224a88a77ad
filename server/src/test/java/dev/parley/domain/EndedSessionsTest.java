package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ended sessions are not kept for ever: a revoked one still answers {@code session_revoked} for
 * {@code --session-idle} after its last use and is then removed, an expired one is removed after
 * twice that, one with an open connection never; and however often one user signs in, they hold a
 * bounded number of sessions, in memory and in the store. A removed session's token is unknown. A
 * real embedded store, an injected clock.
 */
class EndedSessionsTest {
  static final long DAY = 86_400_000L;
  static final long IDLE = 10 * DAY;
  static final long MINUTE = 60_000L;

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000 * DAY);

  @BeforeEach
  void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat = TestChats.chat(store, 100, now::get, (to, frame) -> {});
    chat.accounts().sessionIdle(IDLE);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private Session hello(String nick, String token) {
    return chat.hello(new ChatTest.Recorder(), nick, null, token, null);
  }

  private static Out.Welcome welcome(Session s) {
    return ((ChatTest.Recorder) s.client).last(Out.Welcome.class);
  }

  /** What a hello with this token and no nick is answered: a welcome's user id, or the error. */
  private String helloWith(String token) {
    try {
      return hello(null, token).userId();
    } catch (ChatException e) {
      return e.code().wire();
    }
  }

  private void settle() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** Runs a sweep to its end, with everything it wrote committed. */
  private void sweep() {
    chat.sweepEndedSessions();
    await().atMost(Duration.ofSeconds(10)).until(() -> !chat.sweepingSessions());
    settle();
  }

  private boolean stored(String sessionId) {
    return store.load().sessions().stream().anyMatch(s -> s.id().equals(sessionId));
  }

  private long storedOf(String userId) {
    return store.load().sessions().stream().filter(s -> s.userId().equals(userId)).count();
  }

  /** A passkey of {@code user}'s, for signing them in again and again. */
  private Passkey passkey(Session user) {
    return chat.accounts()
        .addPasskey(user.userId(), "key-" + user.userId(), new byte[] {1, 2}, 0, "key", null, null);
  }

  private String signIn(Passkey key, long count) {
    return chat.accounts()
        .passkeySignIn(chat.accounts().passkey(key.id()), count, "browser " + count);
  }

  @Test
  void aRevokedSessionAnswersRevokedForTheIdleTimeThenItsTokenIsUnknown() {
    Session ann = hello("Ann", null);
    Passkey key = passkey(ann);
    String laptop = signIn(key, 1);
    Session onLaptop = hello(null, laptop);
    String laptopId = welcome(onLaptop).session();
    chat.accounts().revoke(ann, laptopId, false, "r1");
    chat.disconnect(onLaptop);
    settle();

    now.addAndGet(IDLE - MINUTE);
    sweep();
    assertThat(helloWith(laptop)).as("within the idle time").isEqualTo("session_revoked");
    assertThat(stored(laptopId)).isTrue();

    now.addAndGet(2 * MINUTE);
    sweep();
    assertThat(stored(laptopId)).as("the row").isFalse();
    assertThat(helloWith(laptop)).as("an unknown token counts as none").isEqualTo("invalid_nick");
    // with the nick of its user, who is online here, it is nobody's way in
    assertThatThrownBy(() -> hello("Ann", laptop))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> assertThat(e.code()).isEqualTo(ChatException.Code.NICK_TAKEN));
    assertThat(helloWith(welcome(ann).token())).as("Ann's own device").isEqualTo(ann.userId());
  }

  @Test
  void anExpiredSessionGoesAfterTwiceTheIdleTimeAndAnOpenOneNever() {
    Session bob = hello("Bob", null);
    String bobs = welcome(bob).token();
    String bobsId = welcome(bob).session();
    chat.disconnect(bob);
    Session carl = hello("Carl", null); // stays connected throughout
    String carls = welcome(carl).token();
    String carlsId = welcome(carl).session();
    settle();

    now.addAndGet(IDLE + MINUTE);
    sweep();
    assertThat(helloWith(bobs)).as("expired, still told so").isEqualTo("session_revoked");
    assertThat(stored(bobsId)).isTrue();

    now.addAndGet(IDLE);
    sweep();
    assertThat(stored(bobsId)).as("unused for twice the idle time").isFalse();
    assertThat(helloWith(bobs)).isEqualTo("invalid_nick");

    now.addAndGet(5 * IDLE);
    sweep();
    assertThat(stored(carlsId)).as("a session with an open connection").isTrue();
    assertThat(chat.userIdForToken(carls)).isEqualTo(carl.userId());
  }

  @Test
  void aNodeThatMissedARemovalForgetsTheSessionWhenItReadsTheStoreAgain() {
    Session bob = hello("Bob", null);
    String bobs = welcome(bob).token();
    chat.disconnect(bob);
    Session carl = hello("Carl", null);
    String carls = welcome(carl).token();
    settle();
    // a second node on the same store, which hears nothing from the first (as while Redis is away)
    Chat other = TestChats.chat(store, 100, now::get, (to, frame) -> {});
    other.accounts().sessionIdle(IDLE);
    Session carlOnOther = other.hello(new ChatTest.Recorder(), null, null, carls, null);
    chat.disconnect(carl); // open on the other node only, which the first does not know

    now.addAndGet(2 * IDLE + MINUTE);
    sweep();
    assertThat(stored(welcome(bob).session())).isFalse();
    assertThat(stored(welcome(carl).session())).isFalse();
    assertThatThrownBy(() -> other.hello(new ChatTest.Recorder(), null, null, bobs, null))
        .as("still held there")
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> assertThat(e.code()).isEqualTo(ChatException.Code.SESSION_REVOKED));

    other.clusterLog().reloaded(store.load(), (room, user) -> false);
    assertThatThrownBy(() -> other.hello(new ChatTest.Recorder(), null, null, bobs, null))
        .as("unknown now")
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> assertThat(e.code()).isEqualTo(ChatException.Code.INVALID_NICK));
    assertThat(other.userIdForToken(carls)).as("one open there stays").isEqualTo(carl.userId());
    assertThat(carlOnOther.userId()).isEqualTo(carl.userId());
  }

  @Test
  void twoHundredSignInsOfOneUserHoldABoundedNumberOfSessions() {
    Session ann = hello("Ann", null);
    Passkey key = passkey(ann);
    List<String> tokens = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      now.incrementAndGet();
      tokens.add(signIn(key, i));
    }
    settle();

    int bound = Logins.MAX_SESSIONS + EndedSessions.MAX_ENDED;
    assertThat(ann.user.sessions).as("in memory").hasSize(bound);
    assertThat(storedOf(ann.userId())).as("in the store").isEqualTo(bound);
    assertThat(helloWith(welcome(ann).token())).as("the device in use").isEqualTo(ann.userId());
    assertThat(helloWith(tokens.get(199))).as("the newest").isEqualTo(ann.userId());
    assertThat(helloWith(tokens.get(199 - Logins.MAX_SESSIONS)))
        .as("one of the newest ended")
        .isEqualTo("session_revoked");
    assertThat(helloWith(tokens.get(0))).as("the oldest, removed").isEqualTo("invalid_nick");

    // and after a restart, the same
    store.close();
    open();
    assertThat(storedOf(ann.userId())).isEqualTo(bound);
  }
}

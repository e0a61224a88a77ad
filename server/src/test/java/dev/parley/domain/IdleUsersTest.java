package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Free accounts are not kept for ever (issue 14, item 6): a user who never sent anything and whose
 * last connection closed more than a day ago is removed, from the store, from memory, from {@code
 * general}'s member count, on every node; their token no longer resumes them. Anyone who sent
 * something, is online, was written to directly or left less than a day ago stays. A real embedded
 * store, an injected clock.
 */
class IdleUsersTest {
  static final long DAY = 86_400_000L;

  @TempDir Path dir;
  private SqlStore store;
  private final AtomicLong now = new AtomicLong(1_000 * DAY);

  @AfterEach
  void stop() {
    if (store != null) store.close();
  }

  private Chat open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    return TestChats.chat(store, 100, now::get, (to, frame) -> {});
  }

  private static Session hello(Chat chat, String nick) {
    return chat.hello(new ChatTest.Recorder(), nick, null, null, null);
  }

  private static String token(Session s) {
    return ((ChatTest.Recorder) s.client).last(Out.Welcome.class).token();
  }

  /** General's member count as a second tab of {@code member} is welcomed with it. */
  private static int generalMembers(Chat chat, Session member) {
    ChatTest.Recorder tab = new ChatTest.Recorder();
    Session s = chat.hello(tab, null, null, token(member), null);
    chat.disconnect(s);
    return tab.last(Out.Welcome.class).rooms().stream()
        .filter(r -> r.name().equals("general"))
        .findFirst()
        .orElseThrow()
        .members();
  }

  private void settle() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private boolean stored(String userId) {
    return store.load().users().stream().anyMatch(u -> u.id().equals(userId));
  }

  @Test
  void aSilentUserGoneForADayIsRemovedEverywhereAndOthersStay() {
    Chat chat = open();
    Session silent = hello(chat, "Silent");
    Session talker = hello(chat, "Talker");
    Session reactor = hello(chat, "Reactor");
    Session maker = hello(chat, "Maker");
    Session written = hello(chat, "WrittenTo");
    Session online = hello(chat, "StillHere");
    chat.send(talker, new Post("general", null, "c1", "hello", null), null);
    await().until(() -> chat.tail("general").range()[1] >= 7); // six joins, then the message
    long seq = chat.tail("general").range()[1];
    chat.react(reactor, "general", seq, "👍", true, null);
    chat.create(maker, "makers", null, null);
    chat.send(talker, new Post(null, written.userId(), "c2", "psst", null), null);
    assertThat(generalMembers(chat, online)).isEqualTo(6);
    for (Session s : new Session[] {silent, talker, reactor, maker, written}) chat.disconnect(s);
    now.addAndGet(DAY / 2);
    Session lately = hello(chat, "Lately");
    chat.disconnect(lately);
    settle();

    now.addAndGet(DAY / 2 + 60_000);
    chat.sweepIdleUsers();
    await().atMost(Duration.ofSeconds(10)).until(() -> chat.userIdForToken(token(silent)) == null);
    settle();

    assertThat(stored(silent.userId())).as("the silent user's row").isFalse();
    for (Session kept : new Session[] {talker, reactor, maker, written, online, lately}) {
      assertThat(chat.userIdForToken(token(kept)))
          .as("%s in memory", kept.user.nick)
          .isEqualTo(kept.userId());
      assertThat(stored(kept.userId())).as("%s in the store", kept.user.nick).isTrue();
    }
    assertThat(generalMembers(chat, online))
        .as("general's members: six, one gone, one come")
        .isEqualTo(6);
    assertThat(store.load().members())
        .extracting(Snapshot.MemberRow::userId)
        .doesNotContain(silent.userId());

    // the token now counts as none: with a nick it is a new user, without one a refusal
    ChatTest.Recorder back = new ChatTest.Recorder();
    Session again = chat.hello(back, "Silent", null, token(silent), null);
    assertThat(again.userId()).isNotEqualTo(silent.userId());
  }

  @Test
  void theOtherNodesOfAClusterForgetThemTooUnlessTheUserIsBackThere() {
    open();
    AtomicReference<Chat> other = new AtomicReference<>();
    // node a delivers as a node of its own but tells node b its changes, as a cluster would
    Cluster relay =
        new ForwardingCluster(Cluster.ALONE) {
          @Override
          public void share(Change change) {
            Chat b = other.get();
            if (b != null) b.clusterLog().changed(change);
          }
        };
    Chat a =
        TestChats.chat(
            store, 100, Retention.KEEP_ALL, now::get, TestChats.bus((to, frame) -> {}), relay);
    Chat b = TestChats.chat(store, 100, Retention.KEEP_ALL, now::get, (to, frame) -> {});
    other.set(b);
    Session gone = hello(a, "Gone");
    Session returning = hello(a, "Returning");
    // node b learns them as it would through the bus
    for (Snapshot.UserRow u : store.load().users()) b.clusterLog().changed(new Change.UserSaved(u));
    for (Snapshot.MemberRow m : store.load().members())
      b.clusterLog().changed(new Change.MemberAdded(m.room(), m.userId(), m.readSeq()));
    a.disconnect(gone);
    a.disconnect(returning);
    now.addAndGet(DAY + 60_000);
    settle();
    // the returning user is back on node b at the moment node a removes them
    Session onB = b.hello(new ChatTest.Recorder(), null, null, token(returning), null);
    assertThat(onB.userId()).isEqualTo(returning.userId());

    a.sweepIdleUsers();
    await().atMost(Duration.ofSeconds(10)).until(() -> b.userIdForToken(token(gone)) == null);
    settle();
    assertThat(a.userIdForToken(token(gone))).isNull();
    assertThat(stored(gone.userId())).isFalse();
    // b wrote the one it has online back: the store keeps them
    assertThat(b.userIdForToken(token(returning))).isEqualTo(returning.userId());
    await().atMost(Duration.ofSeconds(10)).until(() -> stored(returning.userId()));
    assertThat(store.load().members())
        .extracting(Snapshot.MemberRow::userId)
        .contains(returning.userId());
  }
}

package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.ChatTest.Recorder;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a cluster a refused export is asked again after a catch-up only when the refusal could be this
 * node being behind: a room or a user it does not know, or a public room the user is not (yet) a
 * member of. An outsider's export of a private room this node knows gets its 404 at once, without a
 * catch-up (a Redis round trip) that cannot change it. The catch-ups are counted on a cluster of
 * the test's own, which runs each at once; the rooms and users are made while it is a node of its
 * own.
 */
class ExportCatchesUpOnlyWhenItMayBeBehindTest {

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicBoolean clustered = new AtomicBoolean();
  private final AtomicInteger catchUps = new AtomicInteger();
  private Session bob;

  @BeforeEach
  void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat =
        TestChats.chat(
            store,
            100,
            Retention.KEEP_ALL,
            System::currentTimeMillis,
            TestChats.bus((to, frame) -> {}),
            counting());
    Session ann = chat.hello(new Recorder(), "ann", null, null, null);
    bob = chat.hello(new Recorder(), "bob", null, null, null);
    chat.create(ann, "club", null, true, null);
    chat.create(ann, "open", null, false, null);
    // what the store still has queued is delivered as a node of its own does, then it clusters
    CompletableFuture<Void> settled = new CompletableFuture<>();
    store.afterQueued(() -> settled.complete(null));
    settled.orTimeout(20, TimeUnit.SECONDS).join();
    clustered.set(true);
  }

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  /** Whether an export of {@code room} by {@code userId} was asked again, counting catch-ups. */
  private boolean retried(String userId, String room) {
    ChatException.Code refused = refusal(userId, room);
    assertThat(refused).as("%s exporting %s is refused", userId, room).isNotNull();
    AtomicBoolean ran = new AtomicBoolean();
    boolean waits = chat.httpDoors().retryExportAfterCatchUp(userId, room, () -> ran.set(true));
    assertThat(ran.get()).as("the retry ran").isEqualTo(waits);
    return waits;
  }

  private ChatException.Code refusal(String userId, String room) {
    try {
      chat.httpDoors().exportable(userId, room);
      return null;
    } catch (ChatException e) {
      return e.code();
    }
  }

  @Test
  void anOutsiderOfAPrivateRoomThisNodeKnowsIsRefusedWithoutACatchUp() {
    assertThat(refusal(bob.userId(), "club")).isEqualTo(ChatException.Code.NOT_FOUND);
    assertThat(retried(bob.userId(), "club")).isFalse();
    assertThat(catchUps).hasValue(0);
  }

  @Test
  void aRoomOrAUserThisNodeDoesNotKnowIsAskedAgainAfterACatchUp() {
    assertThat(retried(bob.userId(), "made-elsewhere")).as("a room not known here").isTrue();
    assertThat(retried("u-made-elsewhere", "club")).as("a user not known here").isTrue();
    assertThat(catchUps).hasValue(2);
  }

  @Test
  void aPublicRoomTheUserIsNotYetAMemberOfIsAskedAgainAfterACatchUp() {
    assertThat(refusal(bob.userId(), "open")).isEqualTo(ChatException.Code.NOT_MEMBER);
    assertThat(retried(bob.userId(), "open")).isTrue();
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void aNodeOfItsOwnNeverWaits() {
    clustered.set(false);
    assertThat(retried(bob.userId(), "made-elsewhere")).isFalse();
    assertThat(catchUps).hasValue(0);
  }

  /** A node of its own that says it is clustered when the test says so, and counts catch-ups. */
  private Cluster counting() {
    return new ForwardingCluster(Cluster.ALONE) {
      @Override
      public boolean clustered() {
        return clustered.get();
      }

      @Override
      public void catchUp(Runnable then) {
        catchUps.incrementAndGet();
        to.catchUp(then);
      }
    };
  }
}

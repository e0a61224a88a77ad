package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.SanctionsEndTest.Frames;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ban and a join of the banned person made at the same moment on two nodes of a cluster: each
 * node hears of the other's step after its own. Whatever the order, the person ends up out of the
 * room on both nodes and in the store, and a join answers {@code banned}. The other node is played
 * by the test, handing this node's replica what the bus would bring, and writing to the shared
 * store what that node would have written.
 */
class BanRacingAJoinTest {
  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private SqlStore store;
  private Chat chat;
  private Session ann;
  private Session bob;

  @BeforeEach
  void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat = TestChats.chat(store, 100, now::get, (to, frame) -> {});
    Frames a = new Frames();
    ann = chat.hello(a, "ann", null, null, "h");
    bob = chat.hello(new Frames(), "bob", null, null, "h");
    chat.create(ann, "ops", null, "c1");
    await().until(() -> a.answered("c1"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aJoinOnAnotherNodeHeardAfterTheBanDoesNotBringThePersonBack() {
    // the other node let bob in and stored it; this node has not heard yet
    store.write(new Change.MemberAdded("ops", bob.userId(), 0));
    settle();
    chat.moderation().ban(ann, "ops", bob.userId(), "spam", null, "b1");
    chat.clusterLog().changed(new Change.MemberAdded("ops", bob.userId(), 0));
    settle();

    assertThat(storedMember(bob.userId())).as("bob's membership in the store").isFalse();
    assertThatThrownBy(() -> chat.join(bob, "ops", "j1"))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ChatException.Code.BANNED));
  }

  @Test
  void aBanFromAnotherNodeUndoesAJoinMadeHereMeanwhile() {
    chat.join(bob, "ops", "j1");
    settle();
    assertThat(storedMember(bob.userId())).isTrue();
    // the other node banned bob (removing a membership it had not heard of) as bob joined here
    chat.clusterLog()
        .changed(
            new Change.Sanctioned(
                new RoomSanction(
                    "ops",
                    bob.userId(),
                    RoomSanction.Kind.BAN,
                    "spam",
                    ann.userId(),
                    now.get(),
                    null)));
    settle();

    assertThat(storedMember(bob.userId())).as("bob's membership in the store").isFalse();
    assertThatThrownBy(() -> chat.join(bob, "ops", "j2"))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ChatException.Code.BANNED));
  }

  private boolean storedMember(String userId) {
    return store.load().members().stream()
        .anyMatch(m -> m.room().equals("ops") && m.userId().equals(userId));
  }

  private void settle() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }
}

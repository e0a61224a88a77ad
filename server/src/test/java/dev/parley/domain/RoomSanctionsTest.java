package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.domain.SanctionsEndTest.Frames;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a moderator sees of a room's bans and mutes, and lifting one: only what holds now is listed,
 * and a ban or mute whose end has passed is nothing to lift (no notice tells the room of a ban that
 * no longer kept anyone out).
 */
class RoomSanctionsTest {
  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Frames a = new Frames();
  private Session ann;
  private Session bob;
  private Session cleo;

  @BeforeEach
  void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat = TestChats.chat(store, 100, now::get, (to, frame) -> {});
    ann = chat.hello(a, "ann", null, null, "h");
    bob = chat.hello(new Frames(), "bob", null, null, "h");
    cleo = chat.hello(new Frames(), "cleo", null, null, "h");
    chat.create(ann, "ops", null, "c1");
    await().until(() -> a.answered("c1"));
    chat.join(bob, "ops", "j1");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Out.Sanctions list(String ref) {
    chat.moderation().sanctions(ann, "ops", ref);
    return a.frames.stream()
        .filter(f -> f instanceof Out.Sanctions s && ref.equals(s.ref()))
        .map(Out.Sanctions.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private long notices(Notice.Kind kind) {
    return store.history("ops", null, null, 100).join().events().stream()
        .filter(e -> e instanceof Notice n && n.event() == kind)
        .count();
  }

  @Test
  void theListShowsWhatHoldsNowWithWhoWhyAndUntilWhen() {
    chat.moderation().mute(ann, "ops", bob.user.id, 10L, "shouting", "m1");
    chat.moderation().ban(ann, "ops", cleo.user.id, "spam", null, "b1");

    Out.Sanctions s = list("l1");
    assertThat(s.room()).isEqualTo("ops");
    assertThat(s.bans())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.user().nick()).isEqualTo("cleo");
              assertThat(v.by().nick()).isEqualTo("ann");
              assertThat(v.reason()).isEqualTo("spam");
              assertThat(v.until()).isNull();
            });
    assertThat(s.mutes())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.user().nick()).isEqualTo("bob");
              assertThat(v.until()).isEqualTo(1_000_000 + 600_000);
            });

    now.addAndGet(600_000);
    assertThat(list("l2").mutes()).as("a mute whose end has come is over").isEmpty();
  }

  @Test
  void anUnmuteLetsTheMemberWriteAtOnceAndTellsTheRoom() {
    chat.moderation().mute(ann, "ops", bob.user.id, 60L, null, "m1");
    chat.moderation().unmute(ann, "ops", bob.user.id, "u1");
    chat.send(bob, new Post("ops", null, "p1", "thanks", null, null), "s1");
    assertThat(list("l1").mutes()).isEmpty();
    await().until(() -> notices(Notice.Kind.UNMUTE) == 1);
  }

  @Test
  void aBanThatHasEndedIsNothingToLift() {
    chat.moderation().ban(ann, "ops", cleo.user.id, null, 1L, "b1");
    now.addAndGet(60_000);
    chat.moderation().unban(ann, "ops", cleo.user.id, "u1");
    await().until(() -> a.answered("u1"));
    assertThat(notices(Notice.Kind.UNBAN)).isZero();

    chat.moderation().ban(ann, "ops", cleo.user.id, null, 1L, "b2");
    chat.moderation().unban(ann, "ops", cleo.user.id, "u2");
    await().until(() -> notices(Notice.Kind.UNBAN) == 1);
  }
}

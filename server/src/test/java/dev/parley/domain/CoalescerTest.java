package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence changes and join notices gathered per tick: one publication of all of them instead of
 * one each, the newest status per user, and a room's notices always ahead of its later events.
 */
class CoalescerTest {

  /** One publication: alone ({@code gathered} false) or gathered, with its frames. */
  record Published(Audience to, boolean gathered, List<Out> frames) {}

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private Bus bus;
  private final List<Published> published = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    bus =
        new Bus() {
          @Override
          public void publish(Audience to, Out frame) {
            published.add(new Published(to, false, List.of(frame)));
          }

          @Override
          public void publishCoalesced(Audience to, List<Out> frames) {
            published.add(new Published(to, true, List.copyOf(frames)));
          }

          @Override
          public void publishPresence(List<Out> frames) {
            publishCoalesced(Audience.everyone(), frames);
          }

          @Override
          public void close() {}
        };
    chat = TestChats.chat(store, 100, Retention.KEEP_ALL, new AtomicLong(1_000_000)::get, bus);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private List<Published> gathered(Audience to) {
    return published.stream().filter(p -> p.gathered() && p.to().equals(to)).toList();
  }

  @Test
  void aStormOfLoginsIsOnePresencePublicationAndOneRunOfJoinNoticesPerTick()
      throws InterruptedException {
    for (int i = 0; i < 5; i++) chat.hello(new ChatTest.Recorder(), "storm" + i, null, null, null);
    assertThat(published)
        .noneMatch(
            p ->
                p.frames().stream()
                    .anyMatch(f -> f instanceof Out.Presence || f instanceof Out.Live));

    chat.flushGathered();
    await().until(() -> gathered(Audience.room(Chat.GENERAL)).size() == 1);
    List<Published> presence = gathered(Audience.everyone());
    assertThat(presence).hasSize(1);
    assertThat(presence.get(0).frames())
        .extracting(f -> ((Out.Presence) f).user().nick())
        .containsExactly("storm0", "storm1", "storm2", "storm3", "storm4");
    List<Out> notices = gathered(Audience.room(Chat.GENERAL)).get(0).frames();
    assertThat(notices)
        .extracting(f -> ((Out.Live) f).event().seq())
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(notices)
        .allMatch(f -> ((Notice) ((Out.Live) f).event()).event() == Notice.Kind.JOIN);

    published.clear();
    chat.flushGathered();
    drain();
    assertThat(published).isEmpty(); // nothing twice
  }

  /** Waits for any gathering queued so far: it runs on the writer ahead of this. */
  private void drain() throws InterruptedException {
    CountDownLatch drained = new CountDownLatch(1);
    store.afterQueued(drained::countDown);
    assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void presenceWaitsLongerWhileManyAreOnlineButALoneChangeGoesAtOnce() throws InterruptedException {
    AtomicInteger online = new AtomicInteger(5_000);
    Coalescer coalescer = new Coalescer(bus, store, online::get);
    coalescer.presence(new Profile("u1", "first", null), Status.ONLINE);
    coalescer.tick(); // after a quiet spell: at the next tick
    drain();
    assertThat(gathered(Audience.everyone())).hasSize(1);

    coalescer.presence(new Profile("u2", "second", null), Status.ONLINE);
    for (int i = 0; i < 4; i++) coalescer.tick();
    drain();
    assertThat(gathered(Audience.everyone())).hasSize(1); // 5,000 online: five ticks
    coalescer.tick();
    drain();
    assertThat(gathered(Audience.everyone())).hasSize(2);
    assertThat(gathered(Audience.everyone()).get(1).frames())
        .extracting(f -> ((Out.Presence) f).user().nick())
        .containsExactly("second");

    online.set(50); // few online: every tick
    coalescer.presence(new Profile("u3", "third", null), Status.ONLINE);
    coalescer.tick();
    drain();
    assertThat(gathered(Audience.everyone())).hasSize(3);

    assertThat(Coalescer.presenceTicks(0)).isEqualTo(1);
    assertThat(Coalescer.presenceTicks(1_999)).isEqualTo(1);
    assertThat(Coalescer.presenceTicks(10_000)).isEqualTo(Coalescer.MOST_TICKS);
    assertThat(Coalescer.presenceTicks(250_000)).isEqualTo(Coalescer.MOST_TICKS);
  }

  @Test
  void noticesGoOutEveryTickWhilePresenceWaits() throws InterruptedException {
    Coalescer coalescer = new Coalescer(bus, store, () -> 10_000);
    coalescer.presence(new Profile("u1", "first", null), Status.ONLINE);
    coalescer.tick();
    drain();
    published.clear();
    coalescer.presence(new Profile("u2", "second", null), Status.ONLINE);
    CountDownLatch noted = new CountDownLatch(1);
    store.afterQueued(
        () -> {
          coalescer.notice(
              "lobby",
              new Notice("lobby", 7, 1L, Notice.Kind.JOIN, new Profile("u3", "third", null)));
          noted.countDown();
        });
    assertThat(noted.await(10, TimeUnit.SECONDS)).isTrue();
    coalescer.tick();
    drain();
    assertThat(gathered(Audience.room("lobby"))).hasSize(1);
    assertThat(gathered(Audience.everyone())).isEmpty();
  }

  @Test
  void onlyTheNewestStatusOfAUserGoesOut() {
    Session a = chat.hello(new ChatTest.Recorder(), "flicker", null, null, null);
    chat.disconnect(a);
    chat.flushGathered();
    await().until(() -> !gathered(Audience.everyone()).isEmpty());
    List<Published> presence = gathered(Audience.everyone());
    assertThat(presence).hasSize(1);
    assertThat(presence.get(0).frames())
        .extracting(f -> ((Out.Presence) f).status())
        .containsExactly(Status.OFFLINE);
  }

  @Test
  void aRoomsGatheredNoticesGoOutBeforeItsNextMessage() {
    Session a = chat.hello(new ChatTest.Recorder(), "early", null, null, null);
    chat.hello(new ChatTest.Recorder(), "late", null, null, null);
    chat.send(a, Post.text(Chat.GENERAL, "m1", "hello all"), null);
    // no tick: the message itself pushes the notices out ahead of it
    await()
        .until(
            () ->
                published.stream()
                    .anyMatch(p -> !p.gathered() && p.frames().get(0) instanceof Out.Live));
    List<Long> seqs =
        published.stream()
            .filter(p -> p.to().equals(Audience.room(Chat.GENERAL)))
            .flatMap(p -> p.frames().stream())
            .filter(f -> f instanceof Out.Live)
            .map(f -> ((Out.Live) f).event().seq())
            .toList();
    assertThat(seqs).containsExactly(1L, 2L, 3L);
  }
}

package dev.parley.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user's pushes one after another and in order; other users' beside them; the bound. */
class PushLanesTest {
  final ExecutorService pool = Executors.newFixedThreadPool(4);
  final List<String> ran = new CopyOnWriteArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  Runnable blocking(String name) {
    return () -> {
      ran.add(name);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  Runnable note(String name) {
    return () -> ran.add(name);
  }

  @Test
  void aUsersPushesWaitForTheEarlierOnesWhileAnotherUsersGoAhead() {
    PushLanes lanes = new PushLanes(pool, 100);
    lanes.execute("ann", blocking("ann 1"));
    for (int i = 2; i <= 20; i++) lanes.execute("ann", note("ann " + i));
    lanes.execute("bob", note("bob 1"));

    await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("bob 1"));
    assertThat(ran).containsExactlyInAnyOrder("ann 1", "bob 1");
    assertThat(lanes.idle()).isFalse();

    release.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(lanes::idle);
    assertThat(ran.stream().filter(s -> s.startsWith("ann")))
        .containsExactly(
            java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "ann " + i)
                .toArray(String[]::new));
  }

  @Test
  void pastTheBoundATaskIsRefusedAndTheLaneGoesOn() {
    PushLanes lanes = new PushLanes(pool, 2);
    lanes.execute("ann", blocking("ann 1"));
    lanes.execute("ann", note("ann 2"));
    lanes.execute("bob", blocking("bob 1")); // a lane's first task does not wait: not counted
    lanes.execute("bob", note("bob 2"));
    assertThatThrownBy(() -> lanes.execute("ann", note("ann 3")))
        .isInstanceOf(RejectedExecutionException.class);

    release.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(lanes::idle);
    assertThat(ran).containsExactlyInAnyOrder("ann 1", "ann 2", "bob 1", "bob 2");
    lanes.execute("ann", note("ann 4"));
    await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("ann 4"));
  }

  @Test
  void aPoolThatRefusesLeavesNoLaneStuck() {
    PushLanes lanes = new PushLanes(pool, 10);
    lanes.execute("ann", blocking("ann 1"));
    lanes.execute("ann", note("ann 2"));
    pool.shutdown(); // the running task finishes; the pool takes nothing new

    release.countDown();
    await().atMost(5, TimeUnit.SECONDS).until(lanes::idle);
    assertThat(ran).containsExactly("ann 1");
    assertThat(lanes.lost()).isEqualTo(1);
    assertThatThrownBy(() -> lanes.execute("ann", note("ann 3")))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(lanes.idle()).isTrue();
  }
}

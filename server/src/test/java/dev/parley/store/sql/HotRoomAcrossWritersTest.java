package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import dev.parley.testing.PostgresSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One hot room written at once through three writers (three cluster nodes) on one PostgreSQL
 * schema: every append is stored (none fails because another node moved the room's seq), the seqs
 * are 1..n without gaps or repeats, and the rate is printed. Each producer keeps up to {@value
 * #IN_FLIGHT} appends queued, as a busy node would.
 */
class HotRoomAcrossWritersTest {
  /** Three by default; {@code -Dparley.hotroom.writers=1} measures one writer for comparison. */
  private static final int NODES = Integer.getInteger("parley.hotroom.writers", 3);

  private static final int PER_NODE = 3_000;
  private static final int IN_FLIGHT = 200;

  @Test
  void threeWritersShareOneRoomWithoutLossOrRetryStorm() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create()) {
      List<SqlStore> stores = new ArrayList<>();
      for (int i = 0; i < NODES; i++)
        stores.add(SqlStore.open(schema.url(), new SimpleMeterRegistry()));
      try {
        stores.get(0).write(new Change.RoomSaved("hot", "", null, 0));
        StoreBarrier.await(stores.get(0));
        ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(NODES * PER_NODE);
        long start = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
          Store store = stores.get(n);
          Profile who = new Profile("u" + n, "node" + n, null);
          Thread t =
              new Thread(
                  () -> {
                    Semaphore window = new Semaphore(IN_FLIGHT);
                    for (int i = 0; i < PER_NODE; i++) {
                      window.acquireUninterruptibly();
                      store.append(
                          Message.draft("hot", who.id() + "-" + i, who, 0, "m" + i, null),
                          new Store.Appended() {
                            @Override
                            public void stored(Event event, boolean duplicate) {
                              seqs.add(event.seq());
                              window.release();
                              done.countDown();
                            }

                            @Override
                            public void failed(Throwable cause) {
                              failed.incrementAndGet();
                              window.release();
                              done.countDown();
                            }
                          });
                    }
                  });
          producers.add(t);
          t.start();
        }
        assertThat(done.await(120, TimeUnit.SECONDS)).as("all appends answered").isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "hot room, %d writers: %.0f appends/s, %d failed%n",
            NODES, NODES * PER_NODE / seconds, failed.get());
        assertThat(failed.get())
            .as("appends refused because another writer moved the seq")
            .isZero();
        assertThat(seqs).hasSize(NODES * PER_NODE);
        assertThat(seqs.stream().sorted().toList())
            .isEqualTo(
                java.util.stream.LongStream.rangeClosed(1, NODES * PER_NODE).boxed().toList());
      } finally {
        for (SqlStore s : stores) s.close();
      }
    }
  }

  /** Waits for what is queued on a store to be committed. */
  static final class StoreBarrier {
    static void await(Store store) throws InterruptedException {
      CountDownLatch l = new CountDownLatch(1);
      store.afterQueued(l::countDown);
      assertThat(l.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}

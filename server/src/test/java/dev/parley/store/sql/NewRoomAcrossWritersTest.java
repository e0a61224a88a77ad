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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A room that two writers (two cluster nodes) create at the same moment and write into at once, as
 * a direct conversation whose people write first on two nodes: both first messages are stored,
 * numbered 1 and 2. Before the batch put the new room's row in ahead of its row locks, there was no
 * row to lock, both numbered their message 1 and one batch failed on the duplicate.
 */
class NewRoomAcrossWritersTest {
  private static final int ROUNDS = 30;

  @Test
  void aRoomNewToTwoWritersAtOnceNumbersEachFirstMessageOnce() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create()) {
      List<SqlStore> stores = new ArrayList<>();
      for (int i = 0; i < 2; i++)
        stores.add(SqlStore.open(schema.url(), new SimpleMeterRegistry()));
      try {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          String room = "dm:a" + round + ":b" + round;
          CountDownLatch go = new CountDownLatch(1);
          List<CompletableFuture<Long>> seqs = new ArrayList<>();
          List<Thread> threads = new ArrayList<>();
          for (int n = 0; n < 2; n++) {
            Store store = stores.get(n);
            Profile who = new Profile((n == 0 ? "a" : "b") + round, "node" + n, null);
            CompletableFuture<Long> seq = new CompletableFuture<>();
            seqs.add(seq);
            Thread t =
                new Thread(
                    () -> {
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                      store.write(new Change.RoomSaved(room, "", who.id(), 0));
                      store.append(
                          Message.draft(room, who.id() + "-first", who, 0, "hi", null),
                          new Store.Appended() {
                            @Override
                            public void stored(Event event, boolean duplicate) {
                              seq.complete(event.seq());
                            }

                            @Override
                            public void failed(Throwable cause) {
                              seq.complete(-1L);
                            }
                          });
                    });
            threads.add(t);
            t.start();
          }
          go.countDown();
          List<Long> got = new ArrayList<>();
          for (CompletableFuture<Long> s : seqs) got.add(s.get(20, TimeUnit.SECONDS));
          if (!got.containsAll(List.of(1L, 2L))) failures.add(room + " " + got);
          for (Thread t : threads) t.join();
        }
        assertThat(failures)
            .as("rounds where a first message was refused or misnumbered")
            .isEmpty();
      } finally {
        for (SqlStore s : stores) s.close();
      }
    }
  }
}

package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read queue holds a reconnect storm: thousands of history reads at once all get answered. */
class ReadQueueTest {

  @TempDir Path dir;

  @Test
  void twoThousandReadsAtOnceAreAllAnswered() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("q.db"), new SimpleMeterRegistry())) {
      Profile ann = new Profile("u-ann", "Ann", null);
      store.write(new Change.RoomSaved("r", "", ann.id(), 1L));
      Recorder last = null;
      for (int i = 0; i < 300; i++) {
        last = new Recorder();
        store.append(Message.draft("r", "c" + i, ann, 1L, "m" + i, null), last);
      }
      assertThat(last.event().seq()).isEqualTo(300);

      List<CompletableFuture<Store.Page>> pages = new ArrayList<>();
      for (int i = 0; i < 2000; i++) pages.add(store.history("r", null, (long) (i % 250), 50));
      CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
          .orTimeout(60, TimeUnit.SECONDS)
          .join();
      for (int i = 0; i < pages.size(); i++) {
        Store.Page page = pages.get(i).join();
        assertThat(page.events()).hasSize(50);
        assertThat(page.events().get(0).seq()).isEqualTo(i % 250 + 1);
      }
    }
  }
}

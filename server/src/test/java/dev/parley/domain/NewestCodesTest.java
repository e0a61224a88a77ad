package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user holds the newest few sign-in codes, and "newest" means the order they were made in even
 * when several are made within one millisecond (they were all stamped alike, and which ones the
 * store kept was chance: CI once signed a phone in with the code a fourth one had replaced).
 */
class NewestCodesTest {

  @TempDir Path dir;

  @Test
  void codesMadeInOneMillisecondStillReplaceTheOldestFirst() throws Exception {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Chat chat = TestChats.chat(store, 100, () -> 1_000_000L, (to, frame) -> {});
      ChatTest.Recorder annC = new ChatTest.Recorder();
      Session ann = chat.hello(annC, "ann", null, null, null);
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        chat.accounts().link(ann, "r" + i);
        int made = i + 1;
        await()
            .until(() -> annC.frames.stream().filter(f -> f instanceof Out.Link).count() == made);
        codes.add(annC.last(Out.Link.class).code());
      }
      assertThat(codes).doesNotHaveDuplicates();

      assertThat(redeem(chat, codes.get(0)).refusal).as("the oldest is gone").isNotNull();
      for (String kept : codes.subList(1, 4))
        assertThat(redeem(chat, kept).refusal).as("a newer one is kept").isNull();
    }
  }

  private static CodeSignIn redeem(Chat chat, String code) throws Exception {
    CompletableFuture<CodeSignIn> out = new CompletableFuture<>();
    chat.accounts().beforeCode(code, "10.9.0.1", out::complete);
    return out.get();
  }
}

package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who asks who matches again the moment the answer arrives is answered, not refused as if
 * the first lookup were still running: the lookup counts as done before its answer leaves (the
 * other way round, a quick client's next frame raced the bookkeeping, and CI saw {@code
 * rate_limited} for an ordinary third lookup).
 */
class AskingAgainAtOnceTest {

  @TempDir Path dir;

  @Test
  void aLookupAskedTheMomentTheLastAnswerArrivesIsAnswered() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Chat chat = TestChats.chat(store, 100, () -> 1_000_000L, (to, frame) -> {});
      chat.hello(new ChatTest.Recorder(), "bob", null, null, null);
      List<Out> answers = new CopyOnWriteArrayList<>();
      AtomicInteger asked = new AtomicInteger();
      Session[] ann = new Session[1];
      Client eager =
          new Client() {
            @Override
            public void send(Out frame) {
              if (!(frame instanceof Out.Users) && !(frame instanceof Out.Error)) return;
              answers.add(frame);
              // lookups run on the caller's thread here: this is the next frame arriving at once
              if (frame instanceof Out.Users && asked.incrementAndGet() < 4) ask(ann[0]);
            }

            @Override
            public void close(int code, String reason) {}

            private void ask(Session s) {
              try {
                chat.people().find(s, "bo", null, "r" + asked.get());
              } catch (ChatException refused) {
                answers.add(
                    new Out.Error("r" + asked.get(), refused.code().wire(), refused.getMessage()));
              }
            }
          };
      ann[0] = chat.hello(eager, "ann", null, null, null);
      chat.people().find(ann[0], "bo", null, "r0");

      assertThat(answers).hasSize(4).allMatch(a -> a instanceof Out.Users, "answered");
      assertThat(((Out.Users) answers.get(3)).users())
          .extracting(Out.UserView::nick)
          .containsExactly("bob");
    }
  }
}

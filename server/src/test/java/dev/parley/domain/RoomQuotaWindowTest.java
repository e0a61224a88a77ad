package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.ChatTest.Recorder;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The room quota counts the public rooms a user created in the last 24 hours: older ones free their
 * place, direct conversations never take one, and the count is rebuilt from the store.
 */
class RoomQuotaWindowTest {

  private static final int QUOTA = 3;
  private static final long HOUR = 60L * 60 * 1000;

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private SqlStore store;
  private Chat chat;

  private void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    Bus bus = TestChats.bus((to, frame) -> {});
    chat =
        TestChats.chat(
            store,
            new Chat.Settings(
                "test",
                new Out.Limits(100, 1, 1, 1, 1),
                1000,
                Retention.KEEP_ALL,
                QUOTA,
                Integer.MAX_VALUE),
            now::get,
            bus);
  }

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  private static boolean created(Recorder r, String room) {
    Out last = r.frames.get(r.frames.size() - 1);
    return last instanceof Out.Ok ok && ok.room() != null && ok.room().name().equals(room);
  }

  private void refused(Session s, String room) {
    assertThatThrownBy(() -> chat.create(s, room, null, null))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ChatException.Code.QUOTA));
  }

  @Test
  void placesFreeUpADayAfterEachCreation() {
    open();
    Recorder ann = new Recorder();
    Session s = chat.hello(ann, "ann", null, null, null);
    chat.create(s, "first", null, null);
    assertThat(created(ann, "first")).isTrue();
    now.addAndGet(2 * HOUR);
    chat.create(s, "second", null, null);
    chat.create(s, "third", null, null);
    assertThat(created(ann, "third")).isTrue();
    refused(s, "fourth");

    now.addAndGet(22 * HOUR); // exactly a day after the first
    chat.create(s, "fourth", null, null);
    assertThat(created(ann, "fourth")).isTrue();
    refused(s, "fifth");
    now.addAndGet(2 * HOUR + 1); // a day after the second and third
    chat.create(s, "fifth", null, null);
    chat.create(s, "sixth", null, null);
    assertThat(created(ann, "sixth")).isTrue();
    refused(s, "seventh");
  }

  @Test
  void directConversationsDoNotCountAndTheCountSurvivesARestart() {
    open();
    Recorder ann = new Recorder();
    Session s = chat.hello(ann, "ann", null, null, null);
    Recorder bob = new Recorder();
    chat.hello(bob, "bob", null, null, null);
    String bobId = bob.last(Out.Welcome.class).user().id();
    chat.send(s, new Post(null, bobId, "m1", "hi", null), null);
    for (String room : new String[] {"one", "two", "three"}) chat.create(s, room, null, null);
    assertThat(created(ann, "three")).isTrue();
    String token = ann.last(Out.Welcome.class).token();

    store.close();
    now.addAndGet(HOUR);
    open();
    Session again = chat.hello(new Recorder(), null, null, token, null);
    refused(again, "four");
  }
}

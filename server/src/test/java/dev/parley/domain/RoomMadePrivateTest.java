package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.ChatTest.Recorder;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public room made private later (what the {@code settings} frame does with {@code private}): it
 * leaves the directory and its doors close to non-members, it stays so after a restart, and made
 * public again it is listed again; only its creator may change it.
 */
class RoomMadePrivateTest {

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;

  private void open() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat =
        TestChats.chat(
            store,
            TestChats.settings(100, Retention.KEEP_ALL),
            System::currentTimeMillis,
            TestChats.bus((to, frame) -> {}));
  }

  @AfterEach
  void close() {
    if (store != null) store.close();
  }

  private List<String> listed(Session s) {
    Recorder r = (Recorder) s.client;
    chat.directory(s, "club", null, null, null);
    return r.last(Out.Directory.class).rooms().stream().map(Out.DirectoryEntry::name).toList();
  }

  private static ChatException.Code refusal(Runnable r) {
    try {
      r.run();
    } catch (ChatException e) {
      return e.code();
    }
    return null;
  }

  @Test
  void itLeavesTheDirectoryClosesItsDoorsAndStaysPrivateAfterARestart() {
    open();
    Session ann = chat.hello(new Recorder(), "ann", null, null, null);
    Session bob = chat.hello(new Recorder(), "bob", null, null, null);
    String annToken = ((Recorder) ann.client).last(Out.Welcome.class).token();
    String bobToken = ((Recorder) bob.client).last(Out.Welcome.class).token();
    chat.create(ann, "club", null, null);
    assertThat(listed(bob)).containsExactly("club");

    assertThatThrownBy(() -> chat.privateRooms().setPrivate(bob, "club", true, null))
        .isInstanceOfSatisfying(
            ChatException.class,
            e -> assertThat(e.code()).isEqualTo(ChatException.Code.NOT_MEMBER));
    chat.join(bob, "club", null);
    assertThat(refusal(() -> chat.privateRooms().setPrivate(bob, "club", true, null)))
        .isEqualTo(ChatException.Code.FORBIDDEN);
    chat.leave(bob, "club", null);

    chat.privateRooms().setPrivate(ann, "club", true, null);
    assertThat(listed(bob)).isEmpty();
    assertThat(refusal(() -> chat.join(bob, "club", null))).isEqualTo(ChatException.Code.NOT_FOUND);
    assertThat(refusal(() -> chat.leave(bob, "club", null)))
        .isEqualTo(ChatException.Code.NOT_FOUND);

    store.close();
    open();
    Session annAgain = chat.hello(new Recorder(), null, null, annToken, null);
    Session bobAgain = chat.hello(new Recorder(), null, null, bobToken, null);
    assertThat(listed(bobAgain)).isEmpty();
    assertThat(refusal(() -> chat.join(bobAgain, "club", null)))
        .isEqualTo(ChatException.Code.NOT_FOUND);
    Out.RoomView mine =
        ((Recorder) annAgain.client)
            .last(Out.Welcome.class).rooms().stream()
                .filter(r -> r.name().equals("club"))
                .findFirst()
                .orElseThrow();
    assertThat(mine.isPrivate()).isTrue();

    chat.privateRooms().setPrivate(annAgain, "club", false, null);
    assertThat(listed(bobAgain)).containsExactly("club");
  }
}

package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.json.WireJson;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online list every welcome carries, kept ready between welcomes: always who is online now with
 * their status, and encoded exactly as a plain list of the same views would be, whether the encoder
 * extends what it wrote for an earlier welcome or not, and whether it writes again the bytes it
 * kept for someone from an earlier run or not (not when their status or name changed).
 */
class RosterTest {

  @TempDir Path dir;
  private SqlStore store;
  private Chat chat;
  private final AtomicLong now = new AtomicLong(1_000_000);

  @BeforeEach
  void start() {
    store = SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry());
    chat = TestChats.chat(store, 100, now::get, (to, frame) -> {});
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private Out.Welcome login(String nick) {
    ChatTest.Recorder c = new ChatTest.Recorder();
    chat.hello(c, nick, null, null, null);
    return c.last(Out.Welcome.class);
  }

  private static List<String> nicks(Out.Welcome w) {
    return w.users().stream().map(u -> u.nick() + ":" + u.status().wire()).toList();
  }

  /** The welcome as WireJson writes it, and as it writes the same welcome with a plain list. */
  private static void encodesLikeAPlainList(Out.Welcome w) {
    Out.Welcome plain =
        new Out.Welcome(
            w.ref(),
            w.user(),
            w.token(),
            w.rooms(),
            w.directory(),
            new ArrayList<>(w.users()),
            w.version(),
            w.limits(),
            w.retention(),
            w.directoryMore(),
            w.directoryNext(),
            w.session(),
            w.userProtected(),
            w.role());
    assertThat(new String(WireJson.encode(w), StandardCharsets.UTF_8))
        .isEqualTo(new String(WireJson.encode(plain), StandardCharsets.UTF_8));
  }

  @Test
  void eachWelcomeListsWhoIsOnlineNowAndEncodesAsAPlainList() {
    Out.Welcome first = login("ann");
    assertThat(nicks(first)).containsExactly("ann:online");
    Out.Welcome second = login("bob");
    Out.Welcome third = login("cy");
    assertThat(nicks(third)).containsExactlyInAnyOrder("ann:online", "bob:online", "cy:online");
    // later logins do not change what an earlier welcome held
    assertThat(nicks(second)).containsExactlyInAnyOrder("ann:online", "bob:online");
    encodesLikeAPlainList(third);
    encodesLikeAPlainList(second); // shorter than what the encoder holds now
    encodesLikeAPlainList(first);

    now.addAndGet(1500);
    chat.tick(); // everyone quiet goes away: a new run
    Out.Welcome fourth = login("dee");
    assertThat(nicks(fourth))
        .containsExactlyInAnyOrder("ann:away", "bob:away", "cy:away", "dee:online");
    encodesLikeAPlainList(fourth);
    encodesLikeAPlainList(third); // an older run, after a newer one was encoded
  }

  @Test
  void someoneRenamedIsListedByTheirNewName() {
    login("hal");
    ChatTest.Recorder ida = new ChatTest.Recorder();
    chat.hello(ida, "ida", null, null, null);
    String token = ida.last(Out.Welcome.class).token();
    encodesLikeAPlainList(login("jo")); // hal, ida and jo encoded in this run
    ChatTest.Recorder renamed = new ChatTest.Recorder();
    chat.hello(renamed, "ida2", null, token, null); // her second device, with a new name
    encodesLikeAPlainList(renamed.last(Out.Welcome.class));
    Out.Welcome kim = login("kim"); // hal and jo as kept, ida afresh
    assertThat(nicks(kim))
        .containsExactlyInAnyOrder("hal:online", "ida2:online", "jo:online", "kim:online");
    encodesLikeAPlainList(kim);
  }

  @Test
  void someoneWhoLeftIsNotListed() {
    login("eve");
    ChatTest.Recorder fay = new ChatTest.Recorder();
    Session s = chat.hello(fay, "fay", null, null, null);
    chat.disconnect(s);
    Out.Welcome gus = login("gus");
    assertThat(nicks(gus)).containsExactlyInAnyOrder("eve:online", "gus:online");
    encodesLikeAPlainList(gus);
  }
}

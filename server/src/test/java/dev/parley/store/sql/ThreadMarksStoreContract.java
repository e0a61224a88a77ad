package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Conversation;
import dev.parley.domain.Mention;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import dev.parley.domain.ThreadMarks;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-thread read markers and a person's threads as every {@link SqlStore} must keep them (V24):
 * the threads I started, replied in or am mentioned in, in rooms I am a member of, newest reply
 * first and paged; unread counts only others' replies after my marker and my own latest reply; a
 * marker only moves forward, only for a thread that is there, and outlives a restart.
 */
abstract class ThreadMarksStoreContract extends FreshStores {
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final Profile BOB = new Profile("u-bob", "Bob", null);
  static final Profile CAT = new Profile("u_cat", "Cat", null);

  static <T> T join(CompletableFuture<T> f) {
    return f.orTimeout(20, TimeUnit.SECONDS).join();
  }

  static void room(Store store, String name, Profile... members) {
    store.write(new Change.RoomSaved(name, "", ANN.id(), 1L));
    for (Profile p : members) store.write(new Change.MemberAdded(name, p.id(), 0));
    CompletableFuture<Void> written = new CompletableFuture<>();
    store.afterQueued(() -> written.complete(null));
    join(written);
  }

  static long ts = 1_700_000_000_000L;

  static Message say(Store store, String room, Profile from, Long thread, Profile... mentioned) {
    Message draft =
        Message.draft(
                room,
                ConversationStoreContract.TestIds.next(),
                from,
                ts++,
                "said by " + from.nick(),
                null)
            .withConversation(new Conversation(null, thread, false, null));
    if (mentioned.length > 0)
      draft =
          draft.withMentions(
              List.of(mentioned).stream().map(p -> new Mention(p.id(), p.nick())).toList());
    return ConversationStoreContract.append(store, draft).message();
  }

  static List<String> keys(List<ThreadMarks.Item> items) {
    return items.stream().map(i -> i.room() + "#" + i.root().seq() + ":" + i.unread()).toList();
  }

  @Test
  void myThreadsAreTheOnesITakePartInNewestFirstWithOthersRepliesUnread() {
    SqlStore store = open();
    room(store, "ops", ANN, BOB, CAT);
    room(store, "dev", ANN, BOB);
    Message started = say(store, "ops", CAT, null);
    Message repliedIn = say(store, "ops", BOB, null);
    Message mentionedIn = say(store, "dev", BOB, null);
    Message notMine = say(store, "ops", BOB, null);
    Message noReplies = say(store, "ops", CAT, null);
    say(store, "ops", BOB, started.seq());
    say(store, "ops", BOB, started.seq());
    say(store, "ops", CAT, repliedIn.seq());
    say(store, "ops", BOB, repliedIn.seq());
    say(store, "ops", CAT, repliedIn.seq());
    say(store, "dev", ANN, mentionedIn.seq(), CAT);
    say(store, "ops", ANN, notMine.seq());
    ThreadMarks marks = store.threadMarks();

    // Cat: the thread of the dev room is not hers (she is not in it, though it mentions her)
    assertThat(keys(join(marks.threads(CAT.id(), null, 10))))
        .containsExactly(
            "ops#" + repliedIn.seq() + ":0", // her own reply is the last: nothing unread
            "ops#" + started.seq() + ":2");
    room(store, "dev", CAT);
    assertThat(keys(join(marks.threads(CAT.id(), null, 10))))
        .containsExactly(
            "dev#" + mentionedIn.seq() + ":1",
            "ops#" + repliedIn.seq() + ":0",
            "ops#" + started.seq() + ":2");
    assertThat(join(marks.threads(CAT.id(), null, 10)).get(0).root().conversation().replies())
        .satisfies(r -> assertThat(r.count()).isEqualTo(1));
    assertThat(keys(join(marks.threads(ANN.id(), null, 10))))
        .containsExactly("ops#" + notMine.seq() + ":0", "dev#" + mentionedIn.seq() + ":0");
    assertThat(noReplies.seq()).isPositive();
  }

  @Test
  void aMarkerMovesOnlyForwardOnlyForAThreadAndOutlivesARestart() {
    SqlStore store = open();
    room(store, "ops", ANN, BOB);
    Message root = say(store, "ops", ANN, null);
    Message lone = say(store, "ops", ANN, null);
    Message r1 = say(store, "ops", BOB, root.seq());
    Message r2 = say(store, "ops", BOB, root.seq());
    Message r3 = say(store, "ops", BOB, root.seq());
    ThreadMarks marks = store.threadMarks();
    assertThat(join(marks.threads(ANN.id(), null, 10)).get(0).unread()).isEqualTo(3);

    assertThat(join(marks.read(ANN.id(), "ops", root.seq(), r2.seq()))).isEqualTo(r2.seq());
    assertThat(join(marks.read(ANN.id(), "ops", root.seq(), r1.seq()))).isEqualTo(r2.seq());
    assertThat(join(marks.read(ANN.id(), "ops", lone.seq(), r3.seq()))).isNull();
    assertThat(join(marks.read(ANN.id(), "ops", r1.seq(), r3.seq()))).isNull();
    assertThat(join(marks.read(ANN.id(), "dev", root.seq(), r3.seq()))).isNull();
    assertThat(join(marks.threads(ANN.id(), null, 10)).get(0).unread()).isEqualTo(1);
    assertThat(join(marks.threads(BOB.id(), null, 10)).get(0).unread()).isZero();
    store.close();

    SqlStore again = open();
    assertThat(join(again.threadMarks().threads(ANN.id(), null, 10)).get(0).unread()).isEqualTo(1);
    assertThat(join(again.threadMarks().read(ANN.id(), "ops", root.seq(), r3.seq())))
        .isEqualTo(r3.seq());
    assertThat(join(again.threadMarks().threads(ANN.id(), null, 10)).get(0).unread()).isZero();
  }

  @Test
  void theListIsPagedByItsCursorWithoutLosingOrRepeatingAThread() {
    SqlStore store = open();
    room(store, "a", ANN, BOB);
    room(store, "b", ANN, BOB);
    List<Long> roots = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String room = i % 2 == 0 ? "a" : "b";
      Message root = say(store, room, ANN, null);
      long now = ts;
      ts = i < 5 ? 42 : now; // five threads whose last replies share one millisecond
      say(store, room, BOB, root.seq());
      ts = now + 1;
      roots.add(root.seq());
    }
    ThreadMarks marks = store.threadMarks();
    List<ThreadMarks.Item> all = join(marks.threads(ANN.id(), null, 100));
    assertThat(all).hasSize(7);
    List<ThreadMarks.Item> paged = new java.util.ArrayList<>();
    ThreadMarks.Cursor after = null;
    for (int page = 0; page < 4; page++) {
      List<ThreadMarks.Item> items = join(marks.threads(ANN.id(), after, 3));
      assertThat(items.size()).isLessThanOrEqualTo(3);
      paged.addAll(items);
      if (items.size() < 3) break;
      ThreadMarks.Item last = items.get(items.size() - 1);
      after =
          new ThreadMarks.Cursor(
              last.root().conversation().replies().lastTs(), last.room(), last.root().seq());
    }
    assertThat(keys(paged)).isEqualTo(keys(all));
  }
}

package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.ChatException;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Edits, deletions and reactions as every {@link SqlStore} must keep them, whatever the database:
 * the rules run against the message as stored, each change takes the room's next rev, and {@code
 * changes} hands a reconnecting client exactly what changed after a rev.
 */
abstract class MessageChangesContract extends FreshStores {

  static final Profile ANN = new Profile("u-ann", "Ann", "🦊");
  static final Profile BOB = new Profile("u-bob", "Bob", null);

  /** One amendment's answer. */
  record Answer(Message message, boolean changed, Throwable failure) {}

  static Answer amend(Store store, Amendment a) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    store.amend(
        a,
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            answer.complete(new Answer(message, changed, null));
          }

          @Override
          public void failed(Throwable cause) {
            answer.complete(new Answer(null, false, cause));
          }
        });
    return answer.orTimeout(20, TimeUnit.SECONDS).join();
  }

  static long say(Store store, Profile from, String id, String text) {
    Recorder r = new Recorder();
    store.append(Message.draft("general", id, from, 1_700_000_000_000L, text, null), r);
    return r.event().seq();
  }

  static Message at(Store store, long seq) {
    return (Message)
        store
            .history("general", seq + 1, null, 1)
            .orTimeout(20, TimeUnit.SECONDS)
            .join()
            .events()
            .get(0);
  }

  static Store.Page changes(Store store, long since, int limit) {
    return store.changes("general", since, limit).orTimeout(20, TimeUnit.SECONDS).join();
  }

  static String refusal(Answer a) {
    assertThat(a.failure()).isInstanceOf(ChatException.class);
    return ((ChatException) a.failure()).code().wire();
  }

  @Test
  void anEditTakesTheNextRevAndIsWhatHistoryReturns() {
    SqlStore store = open();
    long seq = say(store, ANN, "m1", "helo");

    Answer edited = amend(store, new Amendment.Edit("general", seq, ANN.id(), "hello", 42L));

    assertThat(edited.failure()).isNull();
    assertThat(edited.changed()).isTrue();
    assertThat(edited.message().text()).isEqualTo("hello");
    assertThat(edited.message().edited()).isEqualTo(42L);
    assertThat(edited.message().rev()).isEqualTo(1);
    assertThat(at(store, seq)).isEqualTo(edited.message());
    assertThat(
            amend(store, new Amendment.Edit("general", seq, ANN.id(), "hello!", 43L))
                .message()
                .rev())
        .isEqualTo(2);
  }

  @Test
  void onlyTheAuthorEditsOrDeletesAndNothingChangesWhenRefused() {
    SqlStore store = open();
    long seq = say(store, ANN, "m1", "mine");

    assertThat(refusal(amend(store, new Amendment.Edit("general", seq, BOB.id(), "yours", 1L))))
        .isEqualTo("forbidden");
    assertThat(refusal(amend(store, new Amendment.Delete("general", seq, BOB.id()))))
        .isEqualTo("forbidden");
    assertThat(at(store, seq).text()).isEqualTo("mine");
    assertThat(at(store, seq).rev()).isZero();
    assertThat(changes(store, 0, 10).events()).isEmpty();
  }

  @Test
  void aNoticeOrAMissingSeqIsNotFound() {
    SqlStore store = open();
    Recorder notice = new Recorder();
    store.append(Notice.draft("general", Notice.Kind.JOIN, ANN, 1L), notice);
    long noticeSeq = notice.event().seq();

    assertThat(refusal(amend(store, new Amendment.React("general", noticeSeq, ANN, "👍", true))))
        .isEqualTo("not_found");
    assertThat(refusal(amend(store, new Amendment.Edit("general", 99, ANN.id(), "x", 1L))))
        .isEqualTo("not_found");
    assertThat(refusal(amend(store, new Amendment.Delete("nowhere", 1, ANN.id()))))
        .isEqualTo("not_found");
  }

  @Test
  void aDeletedMessageLosesItsTextImageAndReactionsInTheDatabase() throws Exception {
    SqlStore store = open();
    long seq = say(store, ANN, "m1", "a secret to forget");
    amend(store, new Amendment.React("general", seq, BOB, "👍", true));

    Answer deleted = amend(store, new Amendment.Delete("general", seq, ANN.id()));

    assertThat(deleted.message().deleted()).isTrue();
    assertThat(deleted.message().text()).isNull();
    assertThat(deleted.message().reactions()).isEmpty();
    assertThat(at(store, seq)).isEqualTo(deleted.message());
    try (Connection c = DriverManager.getConnection(target.url());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT COUNT(*) FROM events WHERE text LIKE '%secret%'), (SELECT COUNT(*) FROM reactions)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("rows still holding the text").isZero();
      assertThat(rs.getInt(2)).as("reaction rows left").isZero();
    }
    assertThat(refusal(amend(store, new Amendment.Delete("general", seq, ANN.id()))))
        .isEqualTo("not_found");
    assertThat(refusal(amend(store, new Amendment.React("general", seq, BOB, "👍", true))))
        .isEqualTo("not_found");
  }

  @Test
  void reactionsKeepTheOrderTheyWereMadeInAndRepeatsChangeNothing() {
    SqlStore store = open();
    long seq = say(store, ANN, "m1", "vote");
    amend(store, new Amendment.React("general", seq, BOB, "👍", true));
    amend(store, new Amendment.React("general", seq, ANN, "🎉", true));
    amend(store, new Amendment.React("general", seq, ANN, "👍", true));

    Answer again = amend(store, new Amendment.React("general", seq, ANN, "👍", true));
    Answer notThere = amend(store, new Amendment.React("general", seq, BOB, "🎉", false));

    assertThat(again.changed()).isFalse();
    assertThat(notThere.changed()).isFalse();
    assertThat(again.message().rev()).isEqualTo(3);
    Map<String, List<String>> expected =
        Map.of("👍", List.of(BOB.id(), ANN.id()), "🎉", List.of(ANN.id()));
    Message stored = at(store, seq);
    assertThat(stored.reactions()).isEqualTo(expected);
    assertThat(List.copyOf(stored.reactions().keySet())).containsExactly("👍", "🎉");

    Answer off = amend(store, new Amendment.React("general", seq, BOB, "👍", false));
    assertThat(off.message().reactions())
        .isEqualTo(Map.of("👍", List.of(ANN.id()), "🎉", List.of(ANN.id())));
    assertThat(off.message().rev()).isEqualTo(4);
    assertThat(at(store, seq).reactions()).isEqualTo(off.message().reactions());
  }

  @Test
  void changesListsTheLatestVersionOfEachChangedMessageByRevInPages() {
    SqlStore store = open();
    long a = say(store, ANN, "a", "one");
    long b = say(store, ANN, "b", "two");
    long c = say(store, BOB, "c", "three");
    amend(store, new Amendment.Edit("general", a, ANN.id(), "one!", 5L)); // rev 1
    amend(store, new Amendment.React("general", c, ANN, "👀", true)); // rev 2
    amend(store, new Amendment.Delete("general", b, ANN.id())); // rev 3
    amend(store, new Amendment.Edit("general", a, ANN.id(), "one!!", 6L)); // rev 4

    Store.Page all = changes(store, 0, 10);
    assertThat(all.events()).extracting(Event::seq).containsExactly(c, b, a);
    assertThat(all.more()).isFalse();
    assertThat(((Message) all.events().get(0)).reactions())
        .isEqualTo(Map.of("👀", List.of(ANN.id())));
    assertThat(((Message) all.events().get(2)).text()).isEqualTo("one!!");

    Store.Page first = changes(store, 0, 2);
    assertThat(first.events()).extracting(Event::seq).containsExactly(c, b);
    assertThat(first.more()).isTrue();
    Store.Page rest = changes(store, ((Message) first.events().get(1)).rev(), 2);
    assertThat(rest.events()).extracting(Event::seq).containsExactly(a);
    assertThat(rest.more()).isFalse();
    assertThat(changes(store, 4, 10).events()).isEmpty();
  }

  @Test
  void anAmendmentRightAfterItsAppendInTheSameBatchSeesTheMessage() {
    SqlStore store = open();
    SqlStoreContract.Blocker blocker = new SqlStoreContract.Blocker(store);
    Recorder appended = new Recorder();
    store.append(Message.draft("general", "fast", ANN, 1L, "typo", null), appended);
    CompletableFuture<Answer> edit =
        CompletableFuture.supplyAsync(
            () -> amend(store, new Amendment.Edit("general", 2, ANN.id(), "fixed", 2L)));
    sleep(200); // both queued behind the blocker, so they are written in one batch
    blocker.release();

    assertThat(appended.event().seq()).isEqualTo(2);
    assertThat(edit.orTimeout(20, TimeUnit.SECONDS).join().message().text()).isEqualTo("fixed");
    assertThat(at(store, 2).text()).isEqualTo("fixed");
  }

  @Test
  void revCountersSurviveARestart() {
    SqlStore store = open();
    long seq = say(store, ANN, "m1", "x");
    amend(store, new Amendment.Edit("general", seq, ANN.id(), "y", 1L));
    amend(store, new Amendment.Edit("general", seq, ANN.id(), "z", 2L));
    store.close();

    SqlStore again = open();
    assertThat(again.load().rooms())
        .filteredOn(r -> r.name().equals("general"))
        .singleElement()
        .satisfies(r -> assertThat(r.lastRev()).isEqualTo(2));
    assertThat(amend(again, new Amendment.Edit("general", seq, ANN.id(), "w", 3L)).message().rev())
        .isEqualTo(3);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

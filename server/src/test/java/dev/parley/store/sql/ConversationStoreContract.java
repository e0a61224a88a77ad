package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.ChatException;
import dev.parley.domain.Conversation;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replies and threads as every {@link SqlStore} must keep them (V19): a reply is stored with its
 * parent's author and excerpt, read back as written, and blanked when the parent is deleted; a
 * reply to nothing of the room, or a thread inside a thread, is refused and uses no seq; a thread's
 * reply moves its root's summary at the room's next rev in the same transaction, and {@code thread}
 * reads a root with its replies.
 */
abstract class ConversationStoreContract extends FreshStores {
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final Profile BOB = new Profile("u-bob", "Bob", null);

  /** What an append answered: the event, a thread root's new state, or the failure. */
  record Stored(Event event, Message root, Throwable failure) {
    Message message() {
      if (failure != null) throw new AssertionError("append failed", failure);
      return (Message) event;
    }

    String refusal() {
      assertThat(failure).isInstanceOf(ChatException.class);
      return ((ChatException) failure).code().wire();
    }
  }

  static Stored append(Store store, Event draft) {
    CompletableFuture<Stored> done = new CompletableFuture<>();
    store.append(
        draft,
        new Store.Appended() {
          @Override
          public void stored(Event event, boolean duplicate) {
            stored(event, duplicate, null);
          }

          @Override
          public void stored(Event event, boolean duplicate, Message root) {
            done.complete(new Stored(event, root, null));
          }

          @Override
          public void failed(Throwable cause) {
            done.complete(new Stored(null, null, cause));
          }
        });
    return done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  static Message say(Store store, Profile from, String text, Conversation c) {
    return say(store, from, text, c, null);
  }

  static Message say(
      Store store, Profile from, String text, Conversation c, dev.parley.domain.Image image) {
    return append(
            store,
            Message.draft("general", TestIds.next(), from, System.currentTimeMillis(), text, image)
                .withConversation(c))
        .message();
  }

  static Conversation replyTo(long seq) {
    return new Conversation(new Conversation.Reply(seq, null, null), null, false, null);
  }

  static Conversation inThread(long root) {
    return new Conversation(null, root, false, null);
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

  @Test
  void aReplyKeepsItsParentsAuthorAndExcerptAndLosesTheExcerptWhenTheParentIsDeleted() {
    SqlStore store = open();
    Message parent = say(store, ANN, "x".repeat(250), Conversation.NONE);
    Message reply = say(store, BOB, "why?", replyTo(parent.seq()));

    assertThat(reply.conversation().reply().from().id()).isEqualTo(ANN.id());
    assertThat(reply.conversation().reply().excerpt()).isEqualTo("x".repeat(200));
    assertThat(reply.conversation().reply().kind()).isNull();
    Message photo =
        say(
            store,
            ANN,
            "",
            Conversation.NONE,
            new dev.parley.domain.Image("/uploads/p.png", "p.png", 4, 4));
    Message toPhoto = say(store, BOB, "nice", replyTo(photo.seq()));
    assertThat(toPhoto.conversation().reply().kind()).isEqualTo("image");
    assertThat(at(store, toPhoto.seq())).isEqualTo(toPhoto);
    assertThat(at(store, reply.seq())).isEqualTo(reply);

    new MessageChangesContractProbe(store).delete(parent.seq(), ANN.id());
    Conversation.Reply after = at(store, reply.seq()).conversation().reply();
    assertThat(after.excerpt()).isEmpty();
    assertThat(after.kind()).isEqualTo("deleted");
    assertThat(after.seq()).isEqualTo(parent.seq());
    assertThat(after.from().nick()).isEqualTo("Ann");
  }

  @Test
  void aReplyToAMessagePurgedByRetentionQuotesItNoMore() {
    SqlStore store = open();
    Message parent = say(store, ANN, "the secret plan", Conversation.NONE);
    Message reply = say(store, BOB, "agreed", replyTo(parent.seq()));

    CompletableFuture<Long> purged = new CompletableFuture<>();
    store.purge(
        new Store.Purge("general", parent.seq(), 0, 100),
        new Store.Purged() {
          @Override
          public void purged(String room, int removed, long firstSeq, long oldestTs) {
            purged.complete(firstSeq);
          }

          @Override
          public void failed(Throwable cause) {
            purged.completeExceptionally(cause);
          }
        });
    assertThat(purged.orTimeout(20, TimeUnit.SECONDS).join()).isEqualTo(reply.seq());

    Conversation.Reply after = at(store, reply.seq()).conversation().reply();
    assertThat(after.excerpt()).isEmpty();
    assertThat(after.kind()).isEqualTo("gone");
    assertThat(after.seq()).isEqualTo(parent.seq());
  }

  @Test
  void aReplyQuotesItsParentAsItIsNowAfterAnEdit() {
    SqlStore store = open();
    Message parent = say(store, ANN, "meet at 5", Conversation.NONE);
    Message reply = say(store, BOB, "ok", replyTo(parent.seq()));

    CompletableFuture<Void> done = new CompletableFuture<>();
    store.amend(
        new Amendment.Edit("general", parent.seq(), ANN.id(), "meet at 6", 2L),
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            done.complete(null);
          }

          @Override
          public void failed(Throwable cause) {
            done.completeExceptionally(cause);
          }
        });
    done.orTimeout(20, TimeUnit.SECONDS).join();

    assertThat(at(store, reply.seq()).conversation().reply().excerpt()).isEqualTo("meet at 6");
  }

  @Test
  void repliesQueuedTogetherWithTheirParentsAndARootRepliedInItsThreadResolve() {
    SqlStore store = open();
    long root = say(store, ANN, "warm up", Conversation.NONE).seq() + 1;
    Conversation[] links = {
      Conversation.NONE,
      new Conversation(new Conversation.Reply(root, null, null), root, false, null),
      new Conversation(new Conversation.Reply(root + 1, null, null), root, false, null),
      replyTo(root + 2)
    };
    List<CompletableFuture<Stored>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < links.length; i++) {
      Message draft =
          Message.draft("general", TestIds.next(), BOB, 1L, "m" + i, null)
              .withConversation(links[i]);
      CompletableFuture<Stored> done = new CompletableFuture<>();
      store.append(
          draft,
          new Store.Appended() {
            @Override
            public void stored(Event event, boolean duplicate) {
              done.complete(new Stored(event, null, null));
            }

            @Override
            public void failed(Throwable cause) {
              done.complete(new Stored(null, null, cause));
            }
          });
      sent.add(done);
    }
    for (int i = 1; i < links.length; i++) {
      Message m = sent.get(i).orTimeout(20, TimeUnit.SECONDS).join().message();
      assertThat(m.seq()).isEqualTo(root + i);
      assertThat(m.conversation().reply().excerpt()).isEqualTo("m" + (i - 1));
    }
    assertThat(at(store, root).conversation().replies().count()).isEqualTo(2);
  }

  @Test
  void aReplyToNothingOfTheRoomOrAThreadInAThreadIsRefusedAndUsesNoSeq() {
    SqlStore store = open();
    Stored notice = append(store, Notice.draft("general", Notice.Kind.JOIN, ANN, 1L));
    Message root = say(store, ANN, "root", Conversation.NONE);
    Message inside = say(store, BOB, "in it", inThread(root.seq()));

    for (Conversation bad :
        List.of(replyTo(notice.event().seq()), replyTo(99), inThread(inside.seq()), inThread(99))) {
      Stored refused =
          append(
              store,
              Message.draft("general", TestIds.next(), BOB, 1L, "no", null).withConversation(bad));
      assertThat(refused.refusal()).as("%s", bad).isIn("bad_reply", "bad_thread");
    }
    assertThat(say(store, ANN, "next", Conversation.NONE).seq()).isEqualTo(inside.seq() + 1);
  }

  @Test
  void aThreadsReplyMovesItsRootsSummaryAtTheNextRevAndThreadReadsThemBack() {
    SqlStore store = open();
    Message root = say(store, ANN, "release notes", Conversation.NONE);
    say(store, ANN, "in the room meanwhile", Conversation.NONE);
    Message last = null;
    Stored answer = null;
    Profile[] people = new Profile[7];
    for (int i = 0; i < people.length; i++) {
      people[i] = new Profile("u-" + i, "P" + i, null);
      answer =
          append(
              store,
              Message.draft("general", TestIds.next(), people[i], 1000L + i, "r" + i, null)
                  .withConversation(inThread(root.seq())));
      last = answer.message();
      assertThat(answer.root().rev()).isEqualTo(i + 1);
    }
    Conversation.Replies summary = answer.root().conversation().replies();
    assertThat(summary.count()).isEqualTo(7);
    assertThat(summary.lastTs()).isEqualTo(1006L);
    assertThat(summary.users()).containsExactly("u-2", "u-3", "u-4", "u-5", "u-6");
    assertThat(at(store, root.seq()).conversation().replies()).isEqualTo(summary);
    assertThat(last.conversation().thread()).isEqualTo(root.seq());

    List<Event> changed =
        store.changes("general", 6, 10).orTimeout(20, TimeUnit.SECONDS).join().events();
    assertThat(changed).extracting(Event::seq).containsExactly(root.seq());

    Store.Page page = store.thread("general", root.seq(), null, 3).join();
    assertThat(page.events()).extracting(Event::seq).hasSize(4).startsWith(root.seq());
    assertThat(page.more()).isTrue();
    Store.Page rest = store.thread("general", root.seq(), page.events().get(3).seq(), 10).join();
    assertThat(rest.events()).hasSize(5).first().isEqualTo(at(store, root.seq()));
    assertThat(rest.events().get(4)).isEqualTo(last);
    assertThat(rest.more()).isFalse();
    assertThat(store.thread("general", 999, null, 10).join().events()).isEmpty();
  }

  /** A deletion through the store, as the domain asks for one. */
  record MessageChangesContractProbe(Store store) {
    void delete(long seq, String userId) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      store.amend(
          new Amendment.Delete("general", seq, userId),
          new Store.Amended() {
            @Override
            public void amended(Message message, boolean changed) {
              done.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
              done.completeExceptionally(cause);
            }
          });
      done.orTimeout(20, TimeUnit.SECONDS).join();
    }
  }

  /** Client ids, unique in a test run. */
  static final class TestIds {
    private static final java.util.concurrent.atomic.AtomicLong N =
        new java.util.concurrent.atomic.AtomicLong();

    static String next() {
      return "c" + N.incrementAndGet();
    }
  }
}

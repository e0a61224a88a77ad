package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.ChatException;
import dev.parley.domain.Event;
import dev.parley.domain.LinkPreview;
import dev.parley.domain.Message;
import dev.parley.domain.PreviewImage;
import dev.parley.domain.Profile;
import dev.parley.domain.Store;
import dev.parley.testing.StoreCalls;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Link previews as every {@link SqlStore} keeps them (V22): a preview attached as a change (a rev
 * of its own, found by {@code changes}) reads back with every field from history, in a store opened
 * anew; its image is stored with it and found by name with its room; the author's removal, a
 * deletion and retention each take the image away with the preview.
 */
abstract class LinkPreviewStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 1, 2, 3};

  private static String name(char c) {
    return String.valueOf(c).repeat(32) + ".png";
  }

  private static void room(Store store, String name) {
    store.write(new Change.RoomSaved(name, "", ANN.id(), T0));
    store.write(new Change.MemberAdded(name, ANN.id(), 0));
  }

  private static long say(Store store, String room, String id, String text) {
    Recorder r = new Recorder();
    store.append(Message.draft(room, id, ANN, T0, text, null), r);
    return r.event().seq();
  }

  private static Message amend(Store store, Amendment a) {
    return StoreCalls.amend(store, a);
  }

  private static Message read(Store store, String room, long seq) {
    List<Event> events =
        store.history(room, null, seq - 1, 1).orTimeout(20, TimeUnit.SECONDS).join().events();
    return (Message) events.get(0);
  }

  private static PreviewImage.Stored image(Store store, String name) {
    return store.previewImage(name).orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static LinkPreview preview(char c) {
    return new LinkPreview(
        "https://example.com/a", "A title", "What it says", LinkPreview.IMAGE_PATH + name(c));
  }

  @Test
  void aPreviewIsAChangeThatReadsBackWithItsImageAfterARestart() {
    SqlStore store = open();
    room(store, "links");
    long seq = say(store, "links", "m1", "see https://example.com/a");

    Message m =
        amend(
            store,
            new Amendment.Preview(
                "links", seq, preview('a'), new PreviewImage(name('a'), "image/png", PNG)));

    assertThat(m.preview()).isEqualTo(preview('a'));
    assertThat(m.rev()).isEqualTo(1);
    List<Event> changed =
        store.changes("links", 0, 10).orTimeout(20, TimeUnit.SECONDS).join().events();
    assertThat(changed).containsExactly(m);
    store.close();

    SqlStore again = open();
    assertThat(read(again, "links", seq).preview()).isEqualTo(preview('a'));
    PreviewImage.Stored img = image(again, name('a'));
    assertThat(img.room()).isEqualTo("links");
    assertThat(img.seq()).isEqualTo(seq);
    assertThat(img.type()).isEqualTo("image/png");
    assertThat(img.bytes()).isEqualTo(PNG);
    assertThat(image(again, name('z'))).isNull();
  }

  @Test
  void aPreviewWithoutDescriptionOrImageKeepsItsNulls() {
    SqlStore store = open();
    room(store, "plain");
    long seq = say(store, "plain", "m1", "http://example.org/x");
    LinkPreview bare = new LinkPreview("http://example.org/x", "Only a title", null, null);

    amend(store, new Amendment.Preview("plain", seq, bare, null));

    assertThat(read(store, "plain", seq).preview()).isEqualTo(bare);
  }

  @Test
  void theAuthorsRemovalAndADeletionTakeTheImageAway() {
    SqlStore store = open();
    room(store, "gone");
    long a = say(store, "gone", "m1", "https://example.com/a");
    long b = say(store, "gone", "m2", "https://example.com/a again");
    amend(
        store,
        new Amendment.Preview(
            "gone", a, preview('a'), new PreviewImage(name('a'), "image/png", PNG)));
    amend(
        store,
        new Amendment.Preview(
            "gone", b, preview('b'), new PreviewImage(name('b'), "image/png", PNG)));

    Message removed = amend(store, new Amendment.Unpreview("gone", a, ANN.id()));
    Message deleted = amend(store, new Amendment.Delete("gone", b, ANN.id()));

    assertThat(removed.preview()).isNull();
    assertThat(read(store, "gone", a).preview()).isNull();
    assertThat(read(store, "gone", a).text()).isEqualTo("https://example.com/a");
    assertThat(deleted.preview()).isNull();
    assertThat(read(store, "gone", b).preview()).isNull();
    assertThat(image(store, name('a'))).isNull();
    assertThat(image(store, name('b'))).isNull();
  }

  @Test
  void onlyTheAuthorRemovesAPreviewAndOnlyOneIsAttached() {
    SqlStore store = open();
    room(store, "rules");
    long seq = say(store, "rules", "m1", "https://example.com/a");
    amend(store, new Amendment.Preview("rules", seq, preview('a'), null));

    Message second =
        amend(
            store,
            new Amendment.Preview(
                "rules", seq, preview('c'), new PreviewImage(name('c'), "image/png", PNG)));

    assertThat(second.preview()).isEqualTo(preview('a'));
    assertThat(image(store, name('c'))).isNull();
    CompletableFuture<Message> refused = new CompletableFuture<>();
    store.amend(
        new Amendment.Unpreview("rules", seq, "u-bob"),
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            refused.complete(message);
          }

          @Override
          public void failed(Throwable cause) {
            refused.completeExceptionally(cause);
          }
        });
    assertThat(refused)
        .failsWithin(20, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(ChatException.class);
    assertThat(read(store, "rules", seq).preview()).isEqualTo(preview('a'));
  }

  @Test
  void retentionRemovesTheImagesOfThePurgedMessages() {
    SqlStore store = open();
    room(store, "short");
    long a = say(store, "short", "m1", "https://example.com/a");
    long b = say(store, "short", "m2", "https://example.com/a");
    amend(
        store,
        new Amendment.Preview(
            "short", a, preview('a'), new PreviewImage(name('a'), "image/png", PNG)));
    amend(
        store,
        new Amendment.Preview(
            "short", b, preview('b'), new PreviewImage(name('b'), "image/png", PNG)));
    CompletableFuture<Integer> purged = new CompletableFuture<>();
    store.purge(
        new Store.Purge("short", a, Long.MIN_VALUE, 100),
        new Store.Purged() {
          @Override
          public void purged(String room, int removed, long firstSeq, long oldestTs) {
            purged.complete(removed);
          }

          @Override
          public void failed(Throwable cause) {
            purged.completeExceptionally(cause);
          }
        });

    assertThat(purged.orTimeout(20, TimeUnit.SECONDS).join()).isEqualTo(1);
    assertThat(image(store, name('a'))).isNull();
    assertThat(image(store, name('b'))).isNotNull();
  }
}

package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Attachment;
import dev.parley.domain.Message;
import dev.parley.domain.Search;
import dev.parley.domain.SearchBudget;
import dev.parley.domain.Store;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Files a message carries, as every {@link SqlStore} keeps them (version 21): the file comes back
 * from history whole and apart from an image, an edit keeps it and a deletion drops it, the room
 * that showed it is the room that may see it, and its name is found by search.
 */
abstract class FileStoreContract extends FreshStores {
  private static final String URL = "/uploads/" + "f".repeat(43) + ".weba";
  private static final Attachment VOICE =
      new Attachment(URL, "voice-2026.webm", 48_213L, "audio/webm", 12);

  private static long post(Store store, String id, String text, Attachment file) {
    Recorder r = new Recorder();
    store.append(
        Message.draft("general", id, MessageChangesContract.ANN, 1_700_000_000_000L, text, null)
            .withFile(file),
        r);
    return r.event().seq();
  }

  @Test
  void aFileComesBackFromHistoryWholeAndIsNoImage() {
    SqlStore store = open();
    long seq = post(store, "f1", null, VOICE);
    Message m = MessageChangesContract.at(store, seq);
    assertThat(m.file()).isEqualTo(VOICE);
    assertThat(m.image()).isNull();
    assertThat(m.text()).isNull();
  }

  @Test
  void anEditKeepsTheFileAndADeletionDropsIt() {
    SqlStore store = open();
    long seq = post(store, "f2", "listen", VOICE);
    MessageChangesContract.amend(
        store,
        new Amendment.Edit("general", seq, MessageChangesContract.ANN.id(), "listen to this", 2L));
    assertThat(MessageChangesContract.at(store, seq).file()).isEqualTo(VOICE);
    assertThat(MessageChangesContract.at(store, seq).text()).isEqualTo("listen to this");
    MessageChangesContract.amend(
        store, new Amendment.Delete("general", seq, MessageChangesContract.ANN.id()));
    assertThat(MessageChangesContract.at(store, seq).file()).isNull();
  }

  @Test
  void theRoomThatShowedAFileIsTheRoomThatMaySeeIt() {
    SqlStore store = open();
    post(store, "f3", null, VOICE);
    assertThat(store.roomsShowing(URL).orTimeout(20, TimeUnit.SECONDS).join())
        .containsExactly("general");
  }

  @Test
  void aFileIsFoundByItsName() {
    SqlStore store = open();
    post(
        store,
        "f4",
        null,
        new Attachment(
            "/uploads/" + "g".repeat(43) + ".pdf",
            "kilimanjaro-budget.pdf",
            900L,
            "application/pdf",
            null));
    post(store, "f5", "nothing to see", null);
    Search.Page page =
        store
            .search(
                new Search.Query(Search.terms("kilimanjaro"), null, null, null, null, null),
                List.of("general"),
                20,
                SearchBudget.start())
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
    assertThat(page.hits()).hasSize(1);
    assertThat(page.hits().get(0).text()).contains("kilimanjaro-budget.pdf");
  }
}

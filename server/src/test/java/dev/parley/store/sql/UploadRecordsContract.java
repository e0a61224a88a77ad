package dev.parley.store.sql;

import static dev.parley.store.sql.RetentionContract.ANN;
import static dev.parley.store.sql.RetentionContract.T0;
import static dev.parley.store.sql.RetentionContract.purge;
import static dev.parley.store.sql.RetentionContract.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.Change;
import dev.parley.domain.Image;
import dev.parley.testing.StoreCalls;
import dev.parley.testing.TestImages;
import dev.parley.uploads.UploadBytes;
import dev.parley.uploads.UploadLinks;
import dev.parley.uploads.UploadStore;
import dev.parley.uploads.UploadSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the store's database keeps about uploads (version 8), on SQLite and PostgreSQL alike: each
 * upload under a name of its own, every room a message ever showed it in (kept when the message is
 * deleted or purged), the daily quota counted atomically, the uploads' credentials, and the sweep
 * that removes what no message uses.
 */
abstract class UploadRecordsContract extends FreshStores {
  private static final long HOUR = 3_600_000L;

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
  private Path dir;

  @AfterEach
  void closeUploads() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    if (dir != null) dev.parley.testing.ParleyServerExtension.deleteRecursively(dir);
  }

  private UploadRecords records(SqlStore store) {
    UploadRecords records = UploadRecords.open(target.url(), store);
    closing.add(records);
    return records;
  }

  /**
   * Uploads whose bytes are where a node on this database keeps them: files, or rows of PostgreSQL.
   */
  private UploadStore uploads(UploadRecords records) throws Exception {
    dir = Files.createTempDirectory("parley-uploads-");
    UploadBytes bytes =
        target.url().startsWith("jdbc:postgresql:")
            ? SqlUploads.connect(target.url())
            : UploadStore.folder(dir);
    UploadStore uploads = UploadStore.open(dir, bytes, records.links(), now::get);
    closing.add(uploads);
    return uploads;
  }

  private static UploadStore.Stored upload(UploadStore uploads, int seed, String owner)
      throws Exception {
    Path tmp = uploads.newTempFile();
    Files.write(tmp, TestImages.encoded("png", 4 + seed, 4, seed));
    return uploads.store(tmp, owner);
  }

  private static Image image(UploadStore.Stored s) {
    return new Image(s.url(), "pic.png", s.width(), s.height());
  }

  @Test
  void theSameBytesTwiceAreTwoUploadsOfOneBlob() throws Exception {
    SqlStore store = open();
    UploadRecords records = records(store);
    UploadStore uploads = uploads(records);
    Path tmp = uploads.newTempFile();
    byte[] png = TestImages.encoded("png", 9, 9, 1);
    Files.write(tmp, png);
    UploadStore.Stored first = uploads.store(tmp, ANN.id());
    tmp = uploads.newTempFile();
    Files.write(tmp, png);
    UploadStore.Stored second = uploads.store(tmp, "u-bob");

    assertThat(second.name()).isNotEqualTo(first.name());
    UploadLinks.Link a = records.links().find(first.name());
    UploadLinks.Link b = records.links().find(second.name());
    assertThat(a.blob()).isEqualTo(b.blob()).isNotEqualTo(a.name()).isNotEqualTo(b.name());
    assertThat(a.owner()).isEqualTo(ANN.id());
    assertThat(b.owner()).isEqualTo("u-bob");
    assertThat(uploads.blob(a).stream().readAllBytes()).isEqualTo(png);
  }

  @Test
  void theRoomsThatShowedAnUploadStayWhenItsMessagesAreDeletedOrPurged() throws Exception {
    SqlStore store = open();
    UploadStore uploads = uploads(records(store));
    UploadStore.Stored s = upload(uploads, 1, ANN.id());
    store.write(new Change.RoomSaved("other", "", ANN.id(), T0));
    long seq = say(store, "general", T0, null, image(s));
    say(store, "general", T0, "after", null);
    assertThat(store.roomsShowing(s.url()).get()).isEqualTo(Set.of("general"));

    StoreCalls.amend(store, new Amendment.Delete("general", seq, ANN.id()));
    assertThat(store.history("general", null, null, 10).get().events().get(0))
        .extracting("image")
        .isNull();
    assertThat(store.roomsShowing(s.url()).get())
        .as("after the message was deleted")
        .isEqualTo(Set.of("general"));

    say(store, "other", T0, null, image(s));
    purge(store, "other", 1, Long.MIN_VALUE, 250);
    assertThat(store.roomsShowing(s.url()).get())
        .as("after the other message was purged")
        .isEqualTo(Set.of("general", "other"));
    assertThat(store.roomsShowing("/uploads/" + "B".repeat(43) + ".png").get()).isEmpty();
  }

  @Test
  void theSweepKeepsWhatAHeldMessageOrARecentUploadUses() throws Exception {
    SqlStore store = open();
    UploadRecords records = records(store);
    UploadStore uploads = uploads(records);
    UploadStore.Stored shared = upload(uploads, 1, ANN.id());
    UploadStore.Stored gone = upload(uploads, 2, ANN.id());
    UploadStore.Stored elsewhere = upload(uploads, 3, ANN.id());
    UploadStore.Stored unsentOld = upload(uploads, 4, ANN.id());
    UploadStore.Stored deleted = upload(uploads, 6, ANN.id());
    store.write(new Change.RoomSaved("other", "", ANN.id(), T0));
    say(store, "general", T0, null, image(shared)); // seq 1: purged
    say(store, "general", T0, null, image(gone)); // seq 2: purged
    say(store, "general", T0, null, image(shared)); // seq 3: stays, so the shared upload stays
    say(store, "other", T0, null, image(elsewhere)); // another room's message keeps its upload
    long seq = say(store, "other", T0, null, image(deleted));
    StoreCalls.amend(store, new Amendment.Delete("other", seq, ANN.id()));
    purge(store, "general", 2, Long.MIN_VALUE, 250);
    now.addAndGet(2 * HOUR);
    UploadStore.Stored unsentNew = upload(uploads, 5, ANN.id());

    UploadSweep sweep =
        new UploadSweep(uploads, records.quota(), records.credentials(), now::get, HOUR, HOUR);
    assertThat(sweep.sweepNow()).as("uploads and blobs removed").isEqualTo(6);
    sweep.close();

    assertThat(records.links().unusedSince(now.get() - HOUR))
        .as("what a later sweep would look at")
        .isEmpty();
    for (UploadStore.Stored kept : List.of(shared, elsewhere, unsentNew)) {
      assertThat(uploads.find(kept.name())).as("kept " + kept.name()).isNotNull();
      assertThat(uploads.blob(uploads.find(kept.name()))).isNotNull();
    }
    for (UploadStore.Stored removed : List.of(gone, unsentOld, deleted)) {
      assertThat(records.links().find(removed.name())).as("removed " + removed.name()).isNull();
      assertThat(uploads.find(removed.name())).isNull();
    }
  }

  @Test
  void aFileKeepsItsNameAndTypeAndIsSweptAsAnImageIs() throws Exception {
    SqlStore store = open();
    UploadRecords records = records(store);
    UploadStore uploads = uploads(records);
    UploadStore.Stored[] files = new UploadStore.Stored[2];
    for (int i = 0; i < 2; i++) {
      Path tmp = uploads.newTempFile();
      Files.write(
          tmp, ("%PDF-1.7 number " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      files[i] = uploads.store(tmp, ANN.id(), "minutes " + i + ".pdf", "application/pdf");
    }
    UploadStore.Stored sent = files[0];
    assertThat(sent.type()).isEqualTo("application/pdf");
    assertThat(sent.url()).endsWith(".pdf");
    assertThat(records.links().find(sent.name()).fileName()).isEqualTo("minutes 0.pdf");
    // not an image to show, but a file to attach, for its uploader only
    assertThat(uploads.verify(new Image(sent.url(), null, null, null), ANN.id())).isNull();
    assertThat(
            uploads.verifyFile(
                dev.parley.domain.Attachment.claimed(sent.url(), null, null), "u-eve"))
        .isNull();
    dev.parley.domain.Attachment file =
        uploads.verifyFile(dev.parley.domain.Attachment.claimed(sent.url(), null, null), ANN.id());
    assertThat(file.name()).isEqualTo("minutes 0.pdf");
    assertThat(file.type()).isEqualTo("application/pdf");
    Recorder r = new Recorder();
    store.append(
        dev.parley.domain.Message.draft("general", "file-1", ANN, T0, null, null).withFile(file),
        r);
    r.event();

    now.addAndGet(2 * HOUR);
    UploadSweep sweep =
        new UploadSweep(uploads, records.quota(), records.credentials(), now::get, HOUR, HOUR);
    assertThat(sweep.sweepNow()).as("the unsent file and its bytes").isEqualTo(2);
    sweep.close();
    assertThat(uploads.find(sent.name())).isNotNull();
    assertThat(uploads.find(files[1].name())).isNull();
  }

  @Test
  void aUrlFromBeforeVersion8StillNamesItsBytesAndAMessageKeepsThem() throws Exception {
    SqlStore store = open();
    UploadRecords records = records(store);
    UploadStore uploads = uploads(records);
    UploadStore.Stored s = upload(uploads, 7, ANN.id());
    String blob = records.links().find(s.name()).blob();
    String legacyUrl = "/uploads/" + blob;
    // the bytes under their own name, as every upload was before version 8: an upload of nobody's
    UploadLinks.Link legacy = uploads.find(blob);
    assertThat(legacy.owner()).isNull();
    assertThat(legacy.width()).isEqualTo(s.width());
    say(store, "general", T0, null, new Image(legacyUrl, null, s.width(), s.height()));
    assertThat(records.links().blobsInUse(List.of(blob, "X".repeat(43) + ".png")))
        .isEqualTo(Set.of(blob));

    now.addAndGet(2 * HOUR);
    UploadSweep sweep =
        new UploadSweep(uploads, records.quota(), records.credentials(), now::get, HOUR, HOUR);
    assertThat(sweep.sweepNow())
        .as("the new upload goes; its bytes stay for the old URL")
        .isEqualTo(1);
    sweep.close();
    assertThat(uploads.find(s.name())).isNull();
    assertThat(uploads.find(blob)).isNotNull();
  }

  @Test
  void aReservationNeverPassesTheLimitEvenWhenManyAskAtOnce() throws Exception {
    SqlStore store = open();
    UploadRecords records = records(store);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> asks = new ArrayList<>();
      for (int i = 0; i < 40; i++) asks.add(() -> records.quota().reserve("u-ann", 100, 100, 1000));
      int granted = 0;
      for (Future<Boolean> f : pool.invokeAll(asks)) if (f.get()) granted++;
      assertThat(granted).isEqualTo(10);
    } finally {
      pool.shutdown();
    }
    assertThat(records.quota().reserve("u-ann", 100, 1, 1000)).isFalse();
    records.quota().adjust("u-ann", 100, -300);
    assertThat(records.quota().reserve("u-ann", 100, 300, 1000)).isTrue();
    assertThat(records.quota().reserve("u-ann", 100, 1, 1000)).isFalse();
    // another user, and another day, have their own counts
    assertThat(records.quota().reserve("u-bob", 100, 1000, 1000)).isTrue();
    assertThat(records.quota().reserve("u-ann", 101, 1000, 1000)).isTrue();
    assertThat(records.quota().reserve("u-ann", 101, 1001, 1000)).isFalse();
    records.quota().forgetBefore(101);
    assertThat(records.quota().reserve("u-ann", 100, 1000, 1000))
        .as("a forgotten day starts again")
        .isTrue();
  }

  @Test
  void aCredentialIsFoundUntilRevokedOrExpiredAndAUserKeepsTheNewest() throws Exception {
    SqlStore store = open();
    UploadRecords records = records(store);
    var credentials = records.credentials();
    credentials.add("h1", "u-ann", 1_000, 2);
    credentials.add("h2", "u-ann", 2_000, 2);
    credentials.add("h3", "u-bob", 2_500, 2);
    assertThat(credentials.userFor("h1", 0)).isEqualTo("u-ann");
    assertThat(credentials.userFor("h1", 1_001)).as("expired").isNull();
    credentials.add("h4", "u-ann", 3_000, 2);
    assertThat(credentials.userFor("h1", 0)).as("beyond the newest two").isNull();
    assertThat(credentials.userFor("h2", 0)).isEqualTo("u-ann");
    assertThat(credentials.userFor("h4", 0)).isEqualTo("u-ann");
    assertThat(credentials.userFor("h3", 0)).isEqualTo("u-bob");
    credentials.remove("h2");
    assertThat(credentials.userFor("h2", 0)).isNull();
    credentials.removeOlderThan(2_600);
    assertThat(credentials.userFor("h3", 0)).isNull();
    assertThat(credentials.userFor("h4", 0)).isEqualTo("u-ann");
    assertThat(credentials.userFor("nope", 0)).isNull();
  }

  @Test
  void migratingToVersion8RemembersTheRoomsOfEveryImageAlreadyShown() throws Exception {
    Dialect dialect = Dialect.of(target.url());
    dialect.prepare(target.url());
    Flyway.configure(getClass().getClassLoader())
        .dataSource(target.url(), null, null)
        .locations(dialect.migrations)
        .target("7")
        .load()
        .migrate();
    String url = "/uploads/" + "L".repeat(43) + ".png";
    try (Connection c = DriverManager.getConnection(target.url())) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO rooms (name, topic, created_ts, last_seq) VALUES ('dm:a:b', '', 0, 2)")) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO events (room, seq, kind, ts, user_id, nick, image_url, deleted) VALUES ('dm:a:b', ?, 'message', 0, 'a', 'A', ?, false)")) {
        ps.setLong(1, 1);
        ps.setString(2, url);
        ps.executeUpdate();
        ps.setLong(1, 2);
        ps.setString(2, url);
        ps.executeUpdate();
      }
    }
    SqlStore store = open();
    assertThat(store.roomsShowing(url).get()).isEqualTo(Set.of("dm:a:b"));
  }
}

package dev.parley.archive;

import static dev.parley.testing.StoreCalls.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Parley;
import dev.parley.domain.Change;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.Snapshot;
import dev.parley.store.sql.SqlStore;
import dev.parley.testing.PostgresSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code parley import} trusts nothing in its file. Each crafted export of the audit (a direct
 * conversation planted between two real users, an invalid room name, a seq near the maximum, a gap,
 * a 20,000-character text, control characters, a file speaking for an existing user, ...) is
 * refused with a sentence naming its line, on SQLite and on PostgreSQL, and the target database is
 * left exactly as it was: its users, rooms, memberships and every room's log.
 */
class ImportRefusesCraftedFilesTest {

  enum Db {
    SQLITE,
    POSTGRESQL
  }

  static final Snapshot.UserRow ANN =
      new Snapshot.UserRow("uann000000001", "Ann", "🦊", "hash-ann", 1_700_000_000_000L);
  static final Snapshot.UserRow BOB =
      new Snapshot.UserRow("ubob000000001", "Bob", null, "hash-bob", 1_700_000_000_000L);

  /** An author of an earlier import: no user, but the database holds their message {@code g1}. */
  static final Profile GHOST = new Profile("u-ghost", "Ghost", null);

  /** The URL of an upload shown only in Ann and Bob's direct conversation. */
  static final String PRIVATE_PICTURE = "/uploads/Pr1vateP1ctureOfAnnAndBob0000000000000000.png";

  @TempDir Path dir;

  /** A database in use: two users in general, and a room holding an earlier import's message. */
  record Target(SqlStore store, PostgresSchema schema) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      if (schema != null) schema.close();
    }
  }

  Target target(Db db) {
    PostgresSchema schema = db == Db.POSTGRESQL ? PostgresSchema.create() : null;
    String url =
        schema != null
            ? schema.url()
            : "jdbc:sqlite:" + dir.resolve("target-" + System.nanoTime() + ".db");
    SqlStore store = SqlStore.open(url, new SimpleMeterRegistry());
    for (Snapshot.UserRow u : List.of(ANN, BOB)) {
      store.write(new Change.UserSaved(u));
      store.write(new Change.MemberAdded("general", u.id(), 0));
      append(store, Notice.draft("general", Notice.Kind.JOIN, profile(u), 1_700_000_000_100L));
    }
    store.write(new Change.RoomSaved("older", "", null, 1_700_000_000_000L));
    append(
        store,
        Message.draft("older", "g1", GHOST, 1_700_000_000_200L, "from an earlier import", null));
    // a picture Ann sent Bob in their direct conversation
    String dm = "dm:" + ANN.id() + ":" + BOB.id();
    store.write(new Change.RoomSaved(dm, "", null, 1_700_000_000_000L));
    append(
        store,
        Message.draft(
            dm,
            "p1",
            profile(ANN),
            1_700_000_000_300L,
            null,
            new dev.parley.domain.Image(PRIVATE_PICTURE, "us.png", 10, 10)));
    return new Target(store, schema);
  }

  static Profile profile(Snapshot.UserRow u) {
    return new Profile(u.id(), u.nick(), u.avatar());
  }

  // ------------------------------------------------------------------ crafting files

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  static String header(String room, String createdBy, long lastSeq) {
    return "{\"format\":\"parley-room-export\",\"version\":1,\"room\":{\"name\":"
        + q(room)
        + ",\"topic\":\"Weekend plans\""
        + (createdBy == null ? "" : ",\"createdBy\":" + q(createdBy))
        + ",\"createdTs\":1700000000000,\"lastSeq\":"
        + lastSeq
        + ",\"rev\":1},\n\"events\": [\n";
  }

  static String who(String id, String nick) {
    return "{\"id\":" + q(id) + ",\"nick\":" + q(nick) + "}";
  }

  static String notice(String room, long seq, String kind, String user) {
    return "{\"type\":\"notice\",\"room\":"
        + q(room)
        + ",\"seq\":"
        + seq
        + ",\"ts\":1700000000001,\"event\":\""
        + kind
        + "\",\"user\":"
        + user
        + "}";
  }

  static String message(String room, long seq, String id, String from, String rest) {
    return "{\"type\":\"message\",\"room\":"
        + q(room)
        + ",\"seq\":"
        + seq
        + ",\"id\":"
        + q(id)
        + ",\"from\":"
        + from
        + ",\"ts\":"
        + (1_700_000_001_000L + seq)
        + rest
        + "}";
  }

  static String text(String t) {
    return ",\"text\":" + q(t);
  }

  static String file(String header, String... events) {
    return header + String.join(",\n", events) + "\n]}\n";
  }

  static final String ZED = who("u-zed", "Zed");
  static final String YAN = who("u-yan", "Yan");

  /**
   * A valid file of three events, lines 3 to 5, with one event replaced by {@code third} at line 5.
   */
  static String plans(String third) {
    return file(
        header("plans", "u-zed", 3),
        notice("plans", 1, "create", ZED),
        message(
            "plans", 2, "c1", ZED, text("hello") + ",\"reactions\":{\"👍\":[\"u-yan\"]},\"rev\":1"),
        third);
  }

  record Crafted(String file, int line, String[] words) {}

  static Arguments crafted(String name, String file, int line, String... words) {
    return Arguments.of(Named.of(name, new Crafted(file, line, words)));
  }

  static Stream<Arguments> craftedFiles() {
    String dm = "dm:" + ANN.id() + ":" + BOB.id();
    List<Arguments> files =
        new ArrayList<>(
            List.of(
                crafted(
                    "a direct conversation planted between two real users",
                    file(
                        header(dm, ANN.id(), 3),
                        notice(dm, 1, "create", who(ANN.id(), "Ann")),
                        message(
                            dm,
                            2,
                            "p1",
                            who(ANN.id(), "Ann"),
                            text("meet me at 9, bring the card")),
                        message(dm, 3, "p2", who(BOB.id(), "Bob"), text("ok"))),
                    1,
                    "direct conversation"),
                crafted(
                    "a mention of a name the text does not write",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            ZED,
                            text("hi @yan")
                                + ",\"mentions\":[{\"id\":\"u-yan\",\"nick\":\"bob\"}]")),
                    5,
                    "mention's name"),
                crafted(
                    "a mention whose id is not a user id",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            ZED,
                            text("hi @yan")
                                + ",\"mentions\":[{\"id\":\"u yan!\",\"nick\":\"yan\"}]")),
                    5,
                    "mention's id"),
                crafted(
                    "a file whose URL is an image's",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            ZED,
                            ",\"file\":{\"url\":\"/uploads/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.png\",\"size\":9,\"type\":\"image/png\"}")),
                    5,
                    "not one of this server's uploads"),
                crafted(
                    "a voice message of an hour",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            ZED,
                            ",\"file\":{\"url\":\"/uploads/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.ogg\",\"size\":9000,\"type\":\"audio/ogg\",\"duration\":3600}")),
                    5,
                    "voice message"),
                crafted(
                    "a PDF served as HTML",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            ZED,
                            ",\"file\":{\"url\":\"/uploads/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.pdf\",\"size\":9,\"type\":\"text/html\"}")),
                    5,
                    "type"),
                crafted(
                    "an invalid room name",
                    file(header("Bad Room!", "u-zed", 1), notice("Bad Room!", 1, "create", ZED)),
                    1,
                    "room name"),
                crafted(
                    "a seq near the maximum",
                    file(
                        header("plans", "u-zed", Long.MAX_VALUE),
                        notice("plans", Long.MAX_VALUE - 1, "create", ZED),
                        message("plans", Long.MAX_VALUE, "c1", ZED, text("the next one wraps"))),
                    1,
                    "lastSeq"),
                crafted(
                    "an event's seq near the maximum",
                    file(
                        header("plans", "u-zed", 2),
                        notice("plans", Long.MAX_VALUE - 1, "create", ZED),
                        message("plans", Long.MAX_VALUE, "c1", ZED, text("the next one wraps"))),
                    3,
                    "seq " + (Long.MAX_VALUE - 1)),
                crafted(
                    "a gap in the seqs",
                    file(
                        header("plans", "u-zed", 4),
                        notice("plans", 1, "create", ZED),
                        message("plans", 2, "c1", ZED, text("a")),
                        message("plans", 4, "c2", ZED, text("b"))),
                    5,
                    "seq 3"),
                crafted(
                    "a seq twice",
                    file(
                        header("plans", "u-zed", 2),
                        notice("plans", 1, "create", ZED),
                        message("plans", 2, "c1", ZED, text("a")),
                        message("plans", 2, "c2", ZED, text("b"))),
                    5,
                    "seq 3"),
                crafted(
                    "a 20,000-character text",
                    plans(message("plans", 3, "c2", YAN, text("x".repeat(20_000)))),
                    5,
                    "20000",
                    "8000"),
                crafted(
                    "a reply's excerpt of 5,000 characters",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            YAN,
                            text("re")
                                + ",\"reply\":{\"seq\":2,\"excerpt\":"
                                + q("y".repeat(5_000))
                                + "}")),
                    5,
                    "excerpt"),
                crafted(
                    "a control character",
                    plans(message("plans", 3, "c2", YAN, text("ring \u0007 the bell"))),
                    5,
                    "control"),
                crafted(
                    "a NUL",
                    plans(message("plans", 3, "c2", YAN, text("nul \u0000 here"))),
                    5,
                    "control"),
                crafted(
                    "a lone surrogate",
                    plans(message("plans", 3, "c2", YAN, text("half \ud83d an emoji"))),
                    5,
                    "surrogate"),
                crafted(
                    "a message from an existing user",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            who(ANN.id(), "Ann"),
                            text("I, Ann, agree to everything"))),
                    5,
                    ANN.id(),
                    "user of this database"),
                crafted(
                    "an existing user's nick under another id",
                    plans(message("plans", 3, "c2", who("u-fake", "ann"), text("it is me, Ann"))),
                    5,
                    "ann",
                    "nick"),
                crafted(
                    "a reaction by an existing user",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            YAN,
                            text("vote")
                                + ",\"reactions\":{\"👍\":[\""
                                + BOB.id()
                                + "\"]},\"rev\":1")),
                    5,
                    BOB.id()),
                crafted(
                    "a room created by an existing user",
                    file(header("plans", ANN.id(), 1), notice("plans", 1, "create", ZED)),
                    1,
                    ANN.id()),
                crafted(
                    "a notice about an existing user",
                    plans(notice("plans", 3, "join", who(BOB.id(), "Bob"))),
                    5,
                    BOB.id()),
                crafted(
                    "a message id used twice by one author",
                    plans(message("plans", 3, "c1", ZED, text("again"))),
                    5,
                    "c1"),
                crafted(
                    "a message id the database already holds for its author",
                    plans(message("plans", 3, "g1", who(GHOST.id(), "Ghost"), text("collides"))),
                    5,
                    "g1"),
                crafted(
                    "a timestamp far in the future",
                    plans(
                        "{\"type\":\"message\",\"room\":\"plans\",\"seq\":3,\"id\":\"c2\",\"from\":"
                            + YAN
                            + ",\"ts\":9000000000000000,\"text\":\"x\"}"),
                    5,
                    "time"),
                crafted(
                    "a negative timestamp",
                    plans(
                        "{\"type\":\"message\",\"room\":\"plans\",\"seq\":3,\"id\":\"c2\",\"from\":"
                            + YAN
                            + ",\"ts\":-5,\"text\":\"x\"}"),
                    5,
                    "time"),
                crafted(
                    "a rev near the maximum",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            YAN,
                            text("x") + ",\"edited\":1700000009000,\"rev\":9223372036854775807")),
                    5,
                    "rev"),
                crafted(
                    "an image from elsewhere",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            YAN,
                            ",\"image\":{\"url\":\"https://evil.example/x.png\"}")),
                    5,
                    "image"),
                crafted(
                    "an image this database shows in a direct conversation",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            YAN,
                            ",\"image\":{\"url\":\"" + PRIVATE_PICTURE + "\"}")),
                    5,
                    "already shown"),
                crafted(
                    "a reaction with a bidi override",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            YAN,
                            text("x") + ",\"reactions\":{\"\u202e👍\":[\"u-zed\"]},\"rev\":1")),
                    5,
                    "reaction"),
                crafted(
                    "an avatar with a bidi override",
                    plans(
                        message(
                            "plans",
                            3,
                            "c2",
                            "{\"id\":\"u-yan\",\"nick\":\"Yan\",\"avatar\":\"\u202e🦊\"}",
                            text("x"))),
                    5,
                    "avatar"),
                crafted(
                    "an invalid nick",
                    plans(message("plans", 3, "c2", who("u-yan", "<script>"), text("x"))),
                    5,
                    "nick"),
                crafted(
                    "an invalid user id",
                    plans(message("plans", 3, "c2", who("u:1", "Yan"), text("x"))),
                    5,
                    "user id"),
                crafted(
                    "a deleted message that still has its text",
                    plans(message("plans", 3, "c2", YAN, text("secret") + ",\"deleted\":true")),
                    5,
                    "deleted"),
                crafted(
                    "a message with neither text nor image",
                    plans(message("plans", 3, "c2", YAN, "")),
                    5,
                    "text"),
                crafted(
                    "a topic with a bidi override",
                    file(
                        header("plans", "u-zed", 1).replace("Weekend plans", "\u202eWeekend"),
                        notice("plans", 1, "create", ZED)),
                    1,
                    "topic"),
                crafted(
                    "a seq that is not a number",
                    plans(
                        "{\"type\":\"message\",\"room\":\"plans\",\"seq\":\"3\",\"id\":\"c2\",\"from\":"
                            + YAN
                            + ",\"ts\":1,\"text\":\"x\"}"),
                    5,
                    "seq"),
                crafted(
                    "a header that does not end where its events end",
                    file(header("plans", "u-zed", 9), notice("plans", 1, "create", ZED)),
                    4,
                    "lastSeq"),
                crafted(
                    "a second room header",
                    header("plans", "u-zed", 1)
                            .replace(
                                "\n\"events\": [\n",
                                "\n\"room\":{\"name\":\"other\",\"createdTs\":1,\"lastSeq\":0,\"rev\":0},\n\"events\": [\n")
                        + notice("plans", 1, "create", ZED)
                        + "\n]}\n",
                    2,
                    "room"),
                crafted(
                    "no format",
                    "{\"room\":{\"name\":\"plans\",\"createdTs\":1,\"lastSeq\":0,\"rev\":0},\"events\":[]}",
                    1,
                    "format")));
    List<Arguments> all = new ArrayList<>();
    for (Db db : Db.values()) {
      for (Arguments a : files) all.add(Arguments.of(db, a.get()[0]));
    }
    return all.stream();
  }

  // ------------------------------------------------------------------ the tests

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("craftedFiles")
  void aCraftedFileIsRefusedByItsLineAndLeavesTheDatabaseAsItWas(Db db, Crafted crafted)
      throws Exception {
    try (Target t = target(db)) {
      Map<String, Object> before = state(t.store());
      String refusal = refusal(t.store(), crafted.file());
      assertThat(refusal)
          .as("the refusal")
          .contains("line " + crafted.line() + ":")
          .contains(crafted.words());
      assertThat(state(t.store())).as("the database after the refusal").isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aFileRefusedAfterThousandsOfGoodEventsLeavesNothingBehind(Db db) throws Exception {
    StringBuilder f =
        new StringBuilder(header("plans", "u-zed", 2_501))
            .append(notice("plans", 1, "create", ZED));
    for (int seq = 2; seq <= 2_500; seq++)
      f.append(",\n").append(message("plans", seq, "c" + seq, ZED, text("message " + seq)));
    f.append(",\n{\"type\":\"poll\",\"room\":\"plans\",\"seq\":2501,\"ts\":1}\n]}\n");
    try (Target t = target(db)) {
      Map<String, Object> before = state(t.store());
      assertThat(refusal(t.store(), f.toString())).contains("line 2503:");
      assertThat(state(t.store())).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void aFileKeptAfterRetentionStartsAtItsFirstSeqAndTheRoomGoesOnFromItsLast(Db db)
      throws Exception {
    String f =
        file(
            header("plans", "u-zed", 7),
            message("plans", 5, "c5", ZED, text("five")),
            message("plans", 6, "c6", YAN, text("six")),
            notice("plans", 7, "leave", YAN));
    try (Target t = target(db)) {
      importFile(t.store(), f, 8000, false);
      assertThat(append(t.store(), Message.draft("plans", "n1", GHOST, 1L, "next", null)).seq())
          .isEqualTo(8);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void theOperatorMayRaiseTheTextLimitAndVouchForTheFilesPeople(Db db) throws Exception {
    String longText = plans(message("plans", 3, "c2", YAN, text("x".repeat(20_000))));
    String ours =
        plans(
            message(
                "plans",
                3,
                "c2",
                who(ANN.id(), "Ann"),
                text("restored from this server's own export")));
    try (Target t = target(db)) {
      importFile(t.store(), longText, 20_000, false);
    }
    try (Target t = target(db)) {
      importFile(t.store(), ours, 8000, true);
      Snapshot.RoomRow plans =
          t.store().load().rooms().stream()
              .filter(r -> r.name().equals("plans"))
              .findFirst()
              .orElseThrow();
      assertThat(plans.lastSeq()).isEqualTo(3);
    }
  }

  @Test
  void theCommandNamesTheLineAndTakesTheSameOptionsAsTheServer() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + data.resolve("parley.db"), new SimpleMeterRegistry())) {
      store.write(new Change.UserSaved(ANN));
    }
    Path crafted = dir.resolve("crafted.json");
    Files.writeString(
        crafted, plans(message("plans", 3, "c2", who(ANN.id(), "Ann"), text("x".repeat(9_000)))));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int refused;
    int raised;
    int vouched;
    try {
      refused = run("import", crafted.toString(), "--data-dir", data.toString());
      raised =
          run("import", crafted.toString(), "--data-dir", data.toString(), "--max-text", "9000");
      vouched =
          run(
              "import",
              crafted.toString(),
              "--data-dir",
              data.toString(),
              "--max-text",
              "9000",
              "--trust-authors");
    } finally {
      System.setErr(old);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertThat(refused).isEqualTo(1);
    assertThat(said).contains("parley import: line 5:").contains("9000").contains("8000");
    assertThat(raised).isEqualTo(1);
    assertThat(said).contains(ANN.id());
    assertThat(vouched).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private static int run(String... args) {
    return new CommandLine(new Parley()).execute(args);
  }

  /** Imports and returns the refusal's message; fails when the file was imported. */
  private static String refusal(SqlStore store, String file) {
    try {
      importFile(store, file, 8000, false);
    } catch (Exception e) {
      return e.getMessage();
    }
    throw new AssertionError("the file was imported");
  }

  static void importFile(SqlStore store, String file, int maxText, boolean trustAuthors)
      throws Exception {
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    Importer.importRoom(
        store,
        () -> new ByteArrayInputStream(bytes),
        new Importer.Options(maxText, trustAuthors),
        n -> {});
  }

  /**
   * Everything the database holds that an import could touch: users, rooms, members, every room's
   * whole log.
   */
  private static Map<String, Object> state(SqlStore store) {
    Snapshot s = store.load();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("users", s.users());
    state.put("rooms", s.rooms());
    state.put("members", s.members());
    for (Snapshot.RoomRow r : s.rooms()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Exporter.exportNow(store, r, new JsonArchive(out), n -> {});
      state.put("log of " + r.name(), out.toString(StandardCharsets.UTF_8));
    }
    return state;
  }
}

package dev.parley.bench;

import java.util.Random;
import picocli.CommandLine.Option;

/**
 * What the capacity scenario's people do, and how often: each action is its own Poisson process per
 * person (mean intervals in seconds, all multiplied by {@code --speed}), and the rooms they are in,
 * of Zipf-like sizes. docs/performance.md ("Capacity benchmark: the mix") writes it down.
 */
final class Mix {
  @Option(
      names = "--message-every",
      description = "s between a person's messages, on average (default ${DEFAULT-VALUE})")
  double messageEvery = 60;

  @Option(
      names = "--typing-ms",
      description = "typing is sent this long before each message (default ${DEFAULT-VALUE})")
  double typingMs = 1500;

  @Option(
      names = "--typing-room-limit",
      description =
          "typing is sent only in rooms of at most this many members, as Parley's web client does (js/typing-rules.js); 0: in every room, as a contract client may (default ${DEFAULT-VALUE})")
  int typingRoomLimit = 100;

  @Option(
      names = "--reply-share",
      description = "share of messages that reply to one (default ${DEFAULT-VALUE})")
  double replyShare = 0.1;

  @Option(
      names = "--thread-share",
      description = "share of messages that answer in a thread (default ${DEFAULT-VALUE})")
  double threadShare = 0.1;

  @Option(
      names = "--read-every",
      description =
          "s between read markers for the room in view, when something is unread (default ${DEFAULT-VALUE})")
  double readEvery = 20;

  @Option(names = "--react-every", description = "s between reactions (default ${DEFAULT-VALUE})")
  double reactEvery = 120;

  @Option(
      names = "--dm-every",
      description = "s between direct messages (default ${DEFAULT-VALUE})")
  double dmEvery = 600;

  @Option(
      names = "--switch-every",
      description =
          "s between switching rooms, each with a history fetch (default ${DEFAULT-VALUE})")
  double switchEvery = 120;

  @Option(
      names = "--history-limit",
      description = "events fetched on a room switch (default ${DEFAULT-VALUE})")
  int historyLimit = 50;

  @Option(
      names = "--search-every",
      description = "s between searches, GET /api/search (default ${DEFAULT-VALUE})")
  double searchEvery = 600;

  @Option(
      names = "--settings-every",
      description =
          "s between a room owner's topic changes (settings: an audit line, a notice and a room frame to every member); 0: none (default ${DEFAULT-VALUE})")
  double settingsEvery = 0;

  @Option(
      names = "--reconnect-every",
      description =
          "s between reconnects with catch-up: hello with token, history and changes since what was seen (default ${DEFAULT-VALUE})")
  double reconnectEvery = 600;

  @Option(
      names = "--password-share",
      description =
          "share of people with a password: they are made with one and sign in with it on every reconnect (default ${DEFAULT-VALUE})")
  double passwordShare = 0.1;

  @Option(
      names = "--link-share",
      description =
          "share of messages with a link to the bench's own site (--link-site-port), which the server previews when started with --link-preview-internal 127.0.0.1:PORT (default ${DEFAULT-VALUE})")
  double linkShare = 0;

  @Option(
      names = "--link-site-port",
      description = "port of the bench's link site on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int linkSitePort = 8099;

  @Option(
      names = "--push-share",
      description =
          "share of people with a device subscribed for Web Push to the bench's own push service (--push-port, --push-keystore); the server must be started trusting its certificate (default ${DEFAULT-VALUE})")
  double pushShare = 0;

  @Option(
      names = "--push-port",
      description = "port of the bench's push service on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int pushPort = 8443;

  @Option(
      names = "--push-keystore",
      description =
          "PKCS12 key store (password benchpush) with the push service's key and certificate, for 127.0.0.1")
  java.nio.file.Path pushKeystore;

  @Option(
      names = "--rooms-per-person",
      description = "room memberships per person, on average (default ${DEFAULT-VALUE})")
  double roomsPerPerson = 5;

  @Option(
      names = "--largest-room",
      description =
          "the largest room's members, as a share of all people (default ${DEFAULT-VALUE})")
  double largestRoom = 0.1;

  @Option(
      names = "--zipf",
      description = "room k (from 1) has largest/k^s members (default s = ${DEFAULT-VALUE})")
  double zipf = 1.0;

  @Option(names = "--min-room", description = "smallest room (default ${DEFAULT-VALUE})")
  int minRoom = 3;

  @Option(
      names = "--speed",
      description = "multiplies every rate, for smoke runs (default ${DEFAULT-VALUE})")
  double speed = 1;

  @Option(
      names = "--coalesce",
      negatable = true,
      description =
          "say coalesce in every hello, as Parley's web client does: presence, join notices and room counts of a tick come as one batch (default ${DEFAULT-VALUE}; the reference ignores it)")
  boolean coalesce = true;

  @Option(
      names = "--reference",
      description =
          "only what the reference server speaks: messages, rooms, history, reconnects (no typing, reads, reactions, replies, threads, DMs, search, passwords)")
  boolean reference;

  @Option(names = "--seed", description = "room plan seed (default ${DEFAULT-VALUE})")
  long seed = 21;

  /** Words of the messages, and of the searches (which then find something). */
  static final String[] WORDS = SearchBench.WORDS[0];

  /** Actions per second of one person, in {@link Tally.Kind} order of the timer's choices. */
  double[] rates() {
    double[] r = new double[Tally.Kind.values().length];
    r[Tally.Kind.MESSAGE.ordinal()] = speed / messageEvery;
    r[Tally.Kind.HISTORY.ordinal()] = speed / switchEvery;
    r[Tally.Kind.RECONNECT.ordinal()] = speed / reconnectEvery;
    if (!reference) {
      r[Tally.Kind.READ.ordinal()] = speed / readEvery;
      r[Tally.Kind.REACT.ordinal()] = speed / reactEvery;
      r[Tally.Kind.DM.ordinal()] = speed / dmEvery;
      r[Tally.Kind.SEARCH.ordinal()] = speed / searchEvery;
      if (settingsEvery > 0) r[Tally.Kind.SETTINGS.ordinal()] = speed / settingsEvery;
    }
    return r;
  }

  /**
   * Who is in which room, for {@code people} people: room k (from 0) has {@code max(minRoom,
   * largest * people / (k+1)^zipf)} members, rooms are added until the memberships reach {@code
   * people * roomsPerPerson}, and each room's members are drawn at random. Anyone left without a
   * room joins one of the smallest. The first n people of the plan make the same shape, scaled.
   */
  static final class Plan {
    final int[][] roomsOf;
    final int rooms;
    final int[] size;

    Plan(Mix m, int people) {
      Random rnd = new Random(m.seed);
      long target = Math.round(people * m.roomsPerPerson);
      java.util.List<Integer> sizes = new java.util.ArrayList<>();
      long sum = 0;
      for (int k = 0; sum < target; k++) {
        int s = (int) Math.round(m.largestRoom * people / Math.pow(k + 1, m.zipf));
        s = Math.min(people, Math.max(Math.min(m.minRoom, people), s));
        sizes.add(s);
        sum += s;
      }
      rooms = sizes.size();
      size = sizes.stream().mapToInt(Integer::intValue).toArray();
      int[] count = new int[people];
      int[] mark = new int[people];
      java.util.Arrays.fill(mark, -1);
      int[][] members = new int[rooms][];
      for (int r = 0; r < rooms; r++) {
        members[r] = new int[size[r]];
        for (int i = 0; i < size[r]; i++) {
          int p;
          do p = rnd.nextInt(people);
          while (mark[p] == r);
          mark[p] = r;
          members[r][i] = p;
          count[p]++;
        }
      }
      int[][] of = new int[people][];
      for (int p = 0; p < people; p++) of[p] = new int[Math.max(1, count[p])];
      int[] fill = new int[people];
      for (int r = 0; r < rooms; r++) for (int p : members[r]) of[p][fill[p]++] = r;
      for (int p = 0; p < people; p++)
        if (count[p] == 0) {
          int r = rooms - 1 - rnd.nextInt(Math.max(1, rooms / 2));
          of[p][0] = r;
          size[r]++;
        }
      roomsOf = of;
    }
  }
}

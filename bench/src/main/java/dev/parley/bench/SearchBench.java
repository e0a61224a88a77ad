package dev.parley.bench;

import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Profile;
import dev.parley.domain.Search;
import dev.parley.domain.SearchBudget;
import dev.parley.domain.Store;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Fills a store with realistic messages in several scripts (English, French with accents, Russian,
 * Greek, Arabic, Chinese, Japanese) spread over rooms, then measures the first page of a search per
 * kind of query (word, substring, typo, CJK pair, Cyrillic), in process, against the store's own
 * read path.
 *
 * <p>{@code java -cp bench/target/parley-bench.jar dev.parley.bench.SearchBench JDBC_URL MESSAGES
 * [ROOMS] [QUERIES] [WRITES_PER_S] [SEARCHERS_ROOMS]} (an SQLite URL's file should not exist yet; a
 * PostgreSQL URL should name an empty schema; MESSAGES 0 searches a store an earlier run filled).
 */
public final class SearchBench {
  static final String[][] WORDS = {
    // English
    ("deployment kubernetes cluster release rollback meeting standup coffee lunch review merge request"
            + " pipeline database migration latency throughput weekend holiday project deadline customer"
            + " invoice budget design sketch prototype feedback sprint backlog incident pager monitoring")
        .split(" "),
    // French
    "café réunion déjà élève prêt hôtel garçon crème brûlée fenêtre forêt noël été château bientôt"
        .split(" "),
    // Russian
    "привет сервер база данных развёртывание встреча обед выходные проект срок релиз ошибка"
        .split(" "),
    // Greek
    "καλημέρα διακομιστής βάση δεδομένων συνάντηση έργο προθεσμία καφές εβδομάδα λάθος".split(" "),
    // Arabic
    "مرحبا الخادم قاعدة البيانات اجتماع مشروع الموعد قهوة الأسبوع خطأ إصدار".split(" "),
    // Chinese (words of two characters, written without spaces)
    "数据 服务 部署 会议 项目 时间 问题 测试 发布 用户 系统 网络 今天 明天 午饭 周末".split(" "),
    // Japanese
    "東京 会議 テスト サーバー データ 明日 今日 週末 確認 お願い します でした".split(" "),
  };
  static final double[] WEIGHTS = {0.55, 0.1, 0.1, 0.05, 0.05, 0.1, 0.05};

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int total = Integer.parseInt(args[1]);
    int rooms = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int queries = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    // messages per second written while the queries run (the condition is 1,000/s)
    int writeRate = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    // how many of the rooms the searcher is in (the first ones); all of them by default. A
    // searcher in few rooms of many is the case a walk of the whole index serves worst
    int mine = args.length > 5 ? Integer.parseInt(args[5]) : rooms;
    Random rnd = new Random(42);
    List<String> names = new ArrayList<>();
    for (int r = 0; r < rooms; r++) names.add("room" + r);
    Profile[] people = new Profile[40];
    for (int i = 0; i < people.length; i++) people[i] = new Profile("u-" + i, "user" + i, null);

    try (SqlStore store = SqlStore.open(url, new SimpleMeterRegistry())) {
      // MESSAGES 0 queries a store filled by an earlier run as it is
      if (total > 0) for (String n : names) store.write(new Change.RoomSaved(n, "", null, 0));
      long start = System.nanoTime();
      long t0 = System.currentTimeMillis() - total * 60L;
      CountDownLatch done = new CountDownLatch(total);
      AtomicLong failed = new AtomicLong();
      Store.Appended cb =
          new Store.Appended() {
            @Override
            public void stored(Event event, boolean duplicate) {
              done.countDown();
            }

            @Override
            public void failed(Throwable cause) {
              failed.incrementAndGet();
              done.countDown();
            }
          };
      int window = 20_000;
      for (int i = 0; i < total; i++) {
        while (i - (total - done.getCount()) > window) Thread.sleep(1);
        String room = names.get(rnd.nextInt(rooms));
        store.append(
            Message.draft(
                room, null, people[rnd.nextInt(people.length)], t0 + i * 60L, text(rnd), null),
            cb);
      }
      done.await(30, TimeUnit.MINUTES);
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "wrote %d messages in %.1f s: %.0f appends/s (%d failed)%n",
          total, secs, total / secs, failed.get());

      Map<String, List<String>> kinds = new LinkedHashMap<>();
      kinds.put("word", pick(WORDS[0], rnd, queries, w -> w));
      kinds.put(
          "substring", pick(WORDS[0], rnd, queries, w -> w.substring(1, Math.min(w.length(), 6))));
      kinds.put("typo", pick(WORDS[0], rnd, queries, w -> typo(w, rnd)));
      kinds.put("accent", pick(WORDS[1], rnd, queries, w -> Search.fold(w)));
      kinds.put("cyrillic", pick(WORDS[2], rnd, queries, w -> w));
      kinds.put("cjk-pair", pick(WORDS[5], rnd, queries, w -> w));
      // a random hex string: most have no hit at all, so every candidate list is read to its end
      kinds.put(
          "rare",
          pick(
              WORDS[0],
              rnd,
              queries,
              w -> Integer.toHexString(0x100000 | rnd.nextInt(0xFFFFFF)).substring(0, 6)));
      java.util.concurrent.ScheduledExecutorService writer =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      AtomicLong written = new AtomicLong();
      Random wrnd = new Random(7);
      long writeStart = System.nanoTime();
      if (writeRate > 0) {
        Store.Appended counted =
            new Store.Appended() {
              @Override
              public void stored(Event event, boolean duplicate) {
                written.incrementAndGet();
              }

              @Override
              public void failed(Throwable cause) {
                failed.incrementAndGet();
              }
            };
        long[] sent = {0};
        writer.scheduleAtFixedRate(
            () -> {
              long due = (System.nanoTime() - writeStart) * writeRate / 1_000_000_000L;
              for (; sent[0] < due; sent[0]++) {
                store.append(
                    Message.draft(
                        names.get(wrnd.nextInt(rooms)),
                        null,
                        people[wrnd.nextInt(people.length)],
                        System.currentTimeMillis(),
                        text(wrnd),
                        null),
                    counted);
              }
            },
            0,
            5,
            TimeUnit.MILLISECONDS);
      }
      System.out.println("kind        p50 ms   p95 ms   p99 ms   avg hits");
      for (Map.Entry<String, List<String>> k : kinds.entrySet()) {
        Histogram h = new Histogram(60_000_000_000L, 3);
        long hits = 0;
        for (String q : k.getValue()) {
          long s = System.nanoTime();
          Search.Page page =
              store
                  .search(
                      new Search.Query(Search.terms(q), null, null, null, null, null),
                      names.subList(0, mine),
                      20,
                      SearchBudget.start())
                  .get();
          h.recordValue(System.nanoTime() - s);
          hits += page.hits().size();
        }
        System.out.printf(
            "%-10s %7.2f  %7.2f  %7.2f   %5.1f%n",
            k.getKey(),
            h.getValueAtPercentile(50) / 1e6,
            h.getValueAtPercentile(95) / 1e6,
            h.getValueAtPercentile(99) / 1e6,
            hits / (double) k.getValue().size());
      }
      writer.shutdownNow();
      if (writeRate > 0) {
        double ws = (System.nanoTime() - writeStart) / 1e9;
        System.out.printf(
            "while querying: %d messages stored in %.1f s (%.0f/s asked: %d/s)%n",
            written.get(), ws, written.get() / ws, writeRate);
      }
    }
    if (url.startsWith("jdbc:sqlite:")) {
      Path file = Path.of(url.substring("jdbc:sqlite:".length()));
      System.out.printf("database file: %.1f MB%n", Files.size(file) / 1e6);
      try (Connection c = DriverManager.getConnection(url);
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'search%' OR name = 'events' GROUP BY name")) {
        while (rs.next())
          System.out.printf("  %-24s %.1f MB%n", rs.getString(1), rs.getLong(2) / 1e6);
      } catch (Exception e) {
        System.out.println("  (no dbstat table in this SQLite build: " + e.getMessage() + ")");
      }
    }
  }

  static String text(Random rnd) {
    double x = rnd.nextDouble();
    int lang = 0;
    for (double acc = WEIGHTS[0]; lang < WEIGHTS.length - 1 && x > acc; acc += WEIGHTS[++lang]) {}
    String[] words = WORDS[lang];
    int n = 4 + rnd.nextInt(12);
    StringBuilder b = new StringBuilder();
    boolean cjk = lang >= 5;
    for (int i = 0; i < n; i++) {
      if (i > 0 && !cjk) b.append(' ');
      b.append(words[rnd.nextInt(words.length)]);
      if (!cjk && rnd.nextInt(8) == 0) b.append(rnd.nextBoolean() ? "," : "!");
    }
    if (lang == 0 && rnd.nextInt(3) == 0) b.append(' ').append(Integer.toHexString(rnd.nextInt()));
    return b.toString();
  }

  static String typo(String w, Random rnd) {
    int at = 1 + rnd.nextInt(w.length() - 2);
    return switch (rnd.nextInt(3)) {
      case 0 -> w.substring(0, at) + w.substring(at + 1); // a letter missing
      case 1 -> w.substring(0, at) + 'x' + w.substring(at + 1); // a letter wrong
      default -> w.substring(0, at) + 'q' + w.substring(at); // a letter too many
    };
  }

  interface Shape {
    String apply(String w);
  }

  static List<String> pick(String[] words, Random rnd, int n, Shape shape) {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String w = words[rnd.nextInt(words.length)];
      if (w.length() < 6 && shape != null && words == WORDS[0]) continue;
      out.add(shape.apply(w));
    }
    return out;
  }

  private SearchBench() {}
}

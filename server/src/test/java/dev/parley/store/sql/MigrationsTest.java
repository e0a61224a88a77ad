package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the start-up shortcut in {@link Migrations} honest about which migration is newest. */
class MigrationsTest {

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

  @Test
  void latestNamesTheNewestMigrationOfEveryDialect() throws Exception {
    List<String> sqlite = versions("db/migration/sqlite");
    List<String> postgresql = versions("db/migration/postgresql");
    assertThat(sqlite).as("both dialects have the same migrations").isEqualTo(postgresql);
    assertThat(sqlite).isNotEmpty();
    assertThat(sqlite.get(sqlite.size() - 1)).isEqualTo(Migrations.LATEST);
  }

  private static List<String> versions(String location) throws Exception {
    URL url = MigrationsTest.class.getClassLoader().getResource(location);
    assertThat(url).as(location).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files
          .map(p -> VERSIONED.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1).replace('_', '.'))
          .sorted(MigrationsTest::compareVersions)
          .toList();
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) return Long.compare(p, q);
    }
    return 0;
  }
}

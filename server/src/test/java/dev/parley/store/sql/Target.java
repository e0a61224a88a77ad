package dev.parley.store.sql;

import dev.parley.testing.PostgresSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh, empty database for one test, and how to throw it away afterwards. */
interface Target extends AutoCloseable {

  /** The JDBC URL of this test's database; the same every call, so a store can be reopened. */
  String url();

  @Override
  void close();

  /** A new SQLite file in a new temporary directory (its subdirectory does not exist yet). */
  static Target sqlite() {
    try {
      Path dir = Files.createTempDirectory("parley-store-");
      String url = "jdbc:sqlite:" + dir.resolve("data").resolve("parley.db");
      return new Target() {
        @Override
        public String url() {
          return url;
        }

        @Override
        public void close() {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          } catch (IOException ignored) {
            // a temp dir left behind is harmless
          }
        }
      };
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new schema in the machine's PostgreSQL; fails (never skips) when it is not there. */
  static Target postgres() {
    PostgresSchema schema = PostgresSchema.create();
    String url = schema.url();
    return new Target() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public void close() {
        schema.close();
      }
    };
  }
}

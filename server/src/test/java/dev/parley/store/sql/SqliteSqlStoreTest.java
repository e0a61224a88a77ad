package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store contract on an SQLite file, plus what only the embedded store promises. */
class SqliteSqlStoreTest extends SqlStoreContract {

  @Override
  Target newTarget() {
    return Target.sqlite();
  }

  @Test
  void createsTheDirectoryOfTheFileAndUsesWal() throws Exception {
    Path file = Path.of(target.url().substring("jdbc:sqlite:".length()));
    assertThat(file.getParent()).doesNotExist();
    open();
    assertThat(file).exists();
    try (var c = java.sql.DriverManager.getConnection(target.url());
        var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
    assertThat(Files.exists(Path.of(file + "-wal"))).isTrue();
  }

  @Test
  void opensWithinTheStartUpBudget() {
    long t0 = System.nanoTime();
    SqlStore.open(target.url(), new SimpleMeterRegistry()).close(); // creates and migrates
    long first = (System.nanoTime() - t0) / 1_000_000;
    long t1 = System.nanoTime();
    SqlStore.open(target.url(), new SimpleMeterRegistry()).close(); // existing file
    long second = (System.nanoTime() - t1) / 1_000_000;
    System.out.printf("SqlStore.open on SQLite: %d ms new (first in this JVM may include class loading), %d ms existing%n", first, second);
    assertThat(second).as("ms to open an existing store").isLessThan(1000);
  }
}

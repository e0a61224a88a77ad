package dev.parley.store.sql;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the store contract tests: each test gets a fresh, empty database of the kind the
 * subclass names, and every store it opens is closed and the database thrown away afterwards.
 */
abstract class FreshStores {
  Target target;
  final List<SqlStore> opened = new ArrayList<>();
  SimpleMeterRegistry registry;

  abstract Target newTarget();

  @BeforeEach
  void freshDatabase() {
    target = newTarget();
  }

  @AfterEach
  void dispose() {
    opened.forEach(SqlStore::close);
    target.close();
  }

  SqlStore open() {
    registry = new SimpleMeterRegistry();
    SqlStore store = SqlStore.open(target.url(), registry);
    opened.add(store);
    return store;
  }
}

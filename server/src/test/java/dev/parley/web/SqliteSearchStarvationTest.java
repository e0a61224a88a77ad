package dev.parley.web;

import dev.parley.testing.ParleyServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SearchStarvation} on a node with its SQLite file. */
class SqliteSearchStarvationTest extends SearchStarvation {
  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(100_000, 100_000));

  @Override
  ParleyServerExtension server() {
    return server;
  }
}

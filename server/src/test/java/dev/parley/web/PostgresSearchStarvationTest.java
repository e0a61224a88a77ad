package dev.parley.web;

import dev.parley.testing.ParleyServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SearchStarvation} on a node with PostgreSQL (the cluster store). */
class PostgresSearchStarvationTest extends SearchStarvation {
  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.onPostgres(c -> c.withRate(100_000, 100_000));

  @Override
  ParleyServerExtension server() {
    return server;
  }
}

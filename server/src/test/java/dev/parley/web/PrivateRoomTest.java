package dev.parley.web;

import dev.parley.testing.ParleyServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The privacy matrix of a private room ({@link PrivateRoomMatrix}) on SQLite. */
class PrivateRoomTest extends PrivateRoomMatrix {
  @RegisterExtension
  static final ParleyServerExtension server =
      ParleyServerExtension.with(c -> c.withRate(1000, 2000));

  @Override
  ParleyServerExtension server() {
    return server;
  }
}

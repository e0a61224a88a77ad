package dev.parley;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.sh trains the class-data archive with this round trip: it must pass on a real node. */
class SelfCheckTest {

  @Test
  void aFreshNodeAnswersAHelloAndDeliversAMessage(@TempDir Path dir) {
    try (ParleyServer server =
        ParleyServer.start(ParleyConfig.defaults().withPort(0).withDataDir(dir))) {
      assertThatCode(() -> SelfCheck.run(server.port())).doesNotThrowAnyException();
    }
  }

  @Test
  void itFailsWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    int closed = port;
    assertThatThrownBy(() -> SelfCheck.run(closed)).isInstanceOf(Exception.class);
  }
}

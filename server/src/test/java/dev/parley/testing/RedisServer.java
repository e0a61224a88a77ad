package dev.parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A redis-server of the test's own, on a free port in a temp folder and keeping nothing on disk,
 * that the test may kill and start again on the same port: the machine's Redis on 6379 is shared
 * with other runs and must never be restarted. Fails, never skips, without redis-server.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
  private final List<String> extra;
  private volatile int port;
  private volatile Path dir;
  private volatile Process process;

  public RedisServer() {
    this(List.of());
  }

  private RedisServer(List<String> extra) {
    this.extra = extra;
  }

  /**
   * A server started with more arguments after the usual ones (later ones win); {@code {port}} in
   * one stands for the server's port. For a password, ACL users or TLS ({@code --port 0 --tls-port
   * {port} ...}).
   */
  public static RedisServer with(String... args) {
    return new RedisServer(List.of(args));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("parley-redis-");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    kill();
    if (dir != null) ParleyServerExtension.deleteRecursively(dir);
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts the server on its port and waits until it answers. */
  public synchronized void start() throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString(),
                "--logfile",
                dir.resolve("redis.log").toString()));
    for (String a : extra) command.add(a.replace("{port}", Integer.toString(port)));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out.log").toFile())
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "this test needs redis-server on the PATH (Debian's redis-server package) to run a Redis of its own; "
              + "it could not be started: "
              + e.getMessage(),
          e);
    }
    Process started = process;
    Awaitility.await("redis-server on port " + port)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (!started.isAlive())
                throw new AssertionError(
                    "redis-server exited: " + Files.readString(dir.resolve("out.log")));
              try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
              } catch (IOException refused) {
                return false;
              }
            });
  }

  /** SIGKILL, as a crash or an operator's restart would end it; returns once it is gone. */
  public synchronized void kill() throws InterruptedException {
    if (process == null) return;
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS))
      throw new IllegalStateException("redis-server survived SIGKILL");
    process = null;
  }
}

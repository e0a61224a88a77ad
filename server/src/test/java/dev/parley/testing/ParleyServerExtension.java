package dev.parley.testing;

import dev.parley.Guards;
import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Parley server for one test class: started before the first test on port 0 with its data in
 * a fresh temporary directory, closed (and the directory deleted) after the last. Clients made
 * through {@link #client()} are closed after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ParleyServerExtension server = ParleyServerExtension.with(c -> c.withRate(100, 200));
 * }</pre>
 *
 * <p>Tests of one class share the server, so they use {@link #nick} and {@link #room} for names no
 * other test has taken.
 */
public final class ParleyServerExtension
    implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private static final AtomicLong NAMES = new AtomicLong();

  private final UnaryOperator<ParleyConfig> configure;
  private final List<TestClient> clients = new CopyOnWriteArrayList<>();
  private volatile Path dataDir;
  private volatile ParleyConfig config;
  private volatile ParleyServer server;
  private final boolean onPostgres;
  private volatile PostgresSchema schema;

  private ParleyServerExtension(UnaryOperator<ParleyConfig> configure, boolean onPostgres) {
    this.configure = configure;
    this.onPostgres = onPostgres;
  }

  /** A server with the default configuration (port 0, a temp data dir). */
  public static ParleyServerExtension defaults() {
    return new ParleyServerExtension(c -> c, false);
  }

  /** A server whose configuration {@code configure} adjusts (port and data dir are set already). */
  public static ParleyServerExtension with(UnaryOperator<ParleyConfig> configure) {
    return new ParleyServerExtension(configure, false);
  }

  /**
   * A server on a fresh schema of the machine's PostgreSQL (the cluster store), adjusted by {@code
   * configure}.
   */
  public static ParleyServerExtension onPostgres(UnaryOperator<ParleyConfig> configure) {
    return new ParleyServerExtension(configure, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("parley-test-");
    ParleyConfig base = roomy(ParleyConfig.defaults().withPort(0).withDataDir(dataDir));
    if (onPostgres) {
      schema = PostgresSchema.create();
      base = base.withDb(schema.url());
    }
    config = configure.apply(base);
    server = ParleyServer.start(config);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeClients();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeClients();
    try {
      if (server != null) server.close();
    } finally {
      server = null;
      deleteRecursively(dataDir);
      if (schema != null) schema.close();
    }
  }

  private void closeClients() {
    for (TestClient c : clients) c.close();
    clients.clear();
  }

  /** Closes the server (clients see 1001) and starts a new one on the same data directory. */
  public void restart() {
    server.close();
    server = ParleyServer.start(config);
  }

  public ParleyServer server() {
    return server;
  }

  public ParleyConfig config() {
    return config;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int port() {
    return server.port();
  }

  public URI wsUri() {
    return URI.create("ws://127.0.0.1:" + port() + "/ws");
  }

  public URI httpUri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /**
   * {@code config} with guards that no ordinary test reaches: every test connects from 127.0.0.1,
   * and a class's tests together create more users, rooms and connections than one person would. A
   * test of a guard sets it back ({@code c.withGuards(Guards.defaults())}, or just the one it
   * attacks); browser tests keep the product's defaults.
   */
  public static ParleyConfig roomy(ParleyConfig config) {
    Guards g = config.guards();
    return config.withGuards(
        g.withRoomQuota(1_000_000)
            .withRoomsPerUser(1_000_000)
            .withNewUsers(1_000_000, 1_000_000)
            .withConnectionsPerAddress(100_000));
  }

  /** A new connection (no hello yet), closed after the test. */
  public TestClient client() {
    return track(TestClient.connect(wsUri()));
  }

  /** A new connection that has said hello as a new user with a nick made from {@code base}. */
  public TestClient user(String base) {
    TestClient c = client();
    c.hello(nick(base));
    return c;
  }

  /** A second connection of an existing user (a second tab), resumed through its token. */
  public TestClient tabOf(TestClient user) {
    TestClient c = client();
    c.resume(user.token());
    return c;
  }

  /** Lets the extension close a client made elsewhere after the test. */
  public TestClient track(TestClient client) {
    clients.add(client);
    return client;
  }

  /** A valid nick, unique in this JVM, that starts with {@code base}. */
  public static String nick(String base) {
    return base + "-" + NAMES.incrementAndGet();
  }

  /** A valid room name, unique in this JVM, that starts with {@code base}. */
  public static String room(String base) {
    return base.toLowerCase() + "-" + NAMES.incrementAndGet();
  }

  /** Deletes a directory tree; quietly skips what is already gone. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.parley.testing;

import dev.parley.ParleyConfig;
import dev.parley.ParleyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Several real Parley nodes of one cluster for a test class, in this JVM: one fresh schema of the
 * machine's PostgreSQL, the machine's Redis on a channel of their own (so parallel or old runs
 * never cross), each node on port 0 with its own data folder. Fails, never skips, when PostgreSQL
 * or Redis is not there. Clients made through {@link #user} are closed after each test.
 */
public final class ParleyCluster implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  public static final String REDIS = "redis://127.0.0.1:6379";

  private final int size;
  private final Supplier<String> redis;
  private final BiFunction<Integer, ParleyConfig, ParleyConfig> configure;
  private final List<ParleyServer> nodes = new ArrayList<>();
  private final List<ParleyConfig> configs = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<TestClient> clients = new CopyOnWriteArrayList<>();
  private volatile PostgresSchema schema;
  private final String channel = "parley-test-" + UUID.randomUUID();

  private ParleyCluster(
      int size, Supplier<String> redis, BiFunction<Integer, ParleyConfig, ParleyConfig> configure) {
    this.size = size;
    this.redis = redis;
    this.configure = configure;
  }

  public static ParleyCluster of(int nodes, UnaryOperator<ParleyConfig> configure) {
    return new ParleyCluster(nodes, () -> REDIS, (i, c) -> configure.apply(c));
  }

  /** Nodes configured one by one: {@code configure} gets each node's index. */
  public static ParleyCluster perNode(
      int nodes, BiFunction<Integer, ParleyConfig, ParleyConfig> configure) {
    return new ParleyCluster(nodes, () -> REDIS, configure);
  }

  /**
   * Nodes on another Redis than the machine's, such as a {@link RedisServer} of the test's own
   * (asked for its URL when the nodes start, so the server's extension must run first).
   */
  public static ParleyCluster of(
      int nodes, Supplier<String> redis, UnaryOperator<ParleyConfig> configure) {
    return new ParleyCluster(nodes, redis, (i, c) -> configure.apply(c));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    schema = PostgresSchema.create();
    for (int i = 0; i < size; i++) {
      Path dir = Files.createTempDirectory("parley-node" + i + "-");
      dirs.add(dir);
      ParleyConfig config =
          configure.apply(
              i,
              ParleyServerExtension.roomy(ParleyConfig.defaults())
                  .withPort(0)
                  .withDataDir(dir)
                  .withDb(schema.url())
                  .withRedis(redis(), channel));
      configs.add(config);
      try {
        nodes.add(ParleyServer.start(config));
      } catch (IllegalStateException e) {
        if (String.valueOf(e.getMessage()).contains("Redis")) {
          throw new AssertionError(
              "these tests need Redis at " + redis() + "; " + e.getMessage(), e);
        }
        throw e;
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (TestClient c : clients) c.close();
    clients.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    afterEach(context);
    try {
      for (ParleyServer n : nodes) n.close();
    } finally {
      for (Path d : dirs) ParleyServerExtension.deleteRecursively(d);
      if (schema != null) schema.close();
    }
  }

  public ParleyServer node(int i) {
    return nodes.get(i);
  }

  /**
   * Closes node {@code i} (its clients see 1001) and starts it again on the same data folder,
   * schema and channel: it reads what the cluster stored, as a node upgraded or restarted does.
   */
  public void restart(int i) {
    nodes.get(i).close();
    nodes.set(i, ParleyServer.start(configs.get(i)));
  }

  public int size() {
    return size;
  }

  /** The data folder of node {@code i}. */
  public Path dataDir(int i) {
    return dirs.get(i);
  }

  public String jdbcUrl() {
    return schema.url();
  }

  /** The Redis URL the nodes use. */
  public String redis() {
    return redis.get();
  }

  /** The cluster's channel: a node started with it (and {@link #jdbcUrl}) joins this cluster. */
  public String channel() {
    return channel;
  }

  public URI wsUri(int node) {
    return URI.create("ws://127.0.0.1:" + nodes.get(node).port() + "/ws");
  }

  /** A new connection to {@code node} that has said hello as a new user named from {@code base}. */
  public TestClient user(int node, String base) {
    TestClient c = client(node);
    c.hello(ParleyServerExtension.nick(base));
    return c;
  }

  /** A new connection to {@code node}, no hello yet. */
  public TestClient client(int node) {
    TestClient c = TestClient.connect(wsUri(node));
    clients.add(c);
    return c;
  }
}

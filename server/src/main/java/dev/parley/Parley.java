package dev.parley;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code parley serve} starts a node. Every option also reads PARLEY_*. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    version = "Parley " + ParleyServer.VERSION,
    description = "A self-hosted real-time chat server.",
    subcommands = {
      Parley.Serve.class,
      Admin.Export.class,
      Admin.Import.class,
      InviteCommand.class,
      UserCommands.class,
      CommandLine.HelpCommand.class
    })
public final class Parley implements Runnable {

  public static void main(String[] args) {
    // Netty 4.2 registers Flight Recorder events for its allocator on the first connection:
    // about 70 JFR classes and a few hundred ms on the first hello of a fresh node (measured
    // with -Xlog:class+load). Off unless asked (-Dio.netty.jfr.enabled=true); set before any
    // Netty class reads it.
    if (System.getProperty("io.netty.jfr.enabled") == null)
      System.setProperty("io.netty.jfr.enabled", "false");
    // Leak detection samples and wraps buffers on every write; tests run it at "paranoid",
    // a production node runs without it unless asked (-Dio.netty.leakDetection.level=...).
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    System.exit(new CommandLine(new Parley()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Run a Parley node until SIGTERM or Ctrl-C.")
  static final class Serve implements Callable<Integer> {

    @Option(
        names = "--port",
        defaultValue = "${env:PARLEY_PORT:-3000}",
        description =
            "HTTP and WebSocket port (0 picks a free one). Env PARLEY_PORT. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
        names = "--host",
        defaultValue = "${env:PARLEY_HOST:-0.0.0.0}",
        description = "Address to listen on. Env PARLEY_HOST. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(
        names = "--data-dir",
        defaultValue = "${env:PARLEY_DATA_DIR:-data}",
        description =
            "Folder for the SQLite file (parley.db). Env PARLEY_DATA_DIR. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
        names = "--db",
        defaultValue = "${env:PARLEY_DB}",
        description =
            "JDBC URL of another database, e.g. jdbc:postgresql://host/db?user=u. "
                + "Env PARLEY_DB. Default: the SQLite file in the data folder.")
    String db;

    @Option(
        names = "--allowed-origins",
        split = ",",
        defaultValue = "${env:PARLEY_ALLOWED_ORIGINS}",
        description =
            "Other web origins allowed to open the WebSocket, comma-separated "
                + "(e.g. https://chat.example.com). The server's own origin is always allowed. Env PARLEY_ALLOWED_ORIGINS.")
    List<String> allowedOrigins;

    @Option(
        names = "--max-frame",
        defaultValue = "${env:PARLEY_MAX_FRAME:-65536}",
        description =
            "Largest client frame in bytes; larger closes the connection with 1009. Env PARLEY_MAX_FRAME. Default: ${DEFAULT-VALUE}.")
    int maxFrame;

    @Option(
        names = "--max-text",
        defaultValue = "${env:PARLEY_MAX_TEXT:-8000}",
        description =
            "Longest message text in characters. Env PARLEY_MAX_TEXT. Default: ${DEFAULT-VALUE}.")
    int maxText;

    @Option(
        names = "--max-upload",
        defaultValue = "${env:PARLEY_MAX_UPLOAD:-10485760}",
        description =
            "Largest image upload in bytes; larger is refused with 413. Env PARLEY_MAX_UPLOAD. Default: ${DEFAULT-VALUE}.")
    long maxUpload;

    @Option(
        names = "--rate",
        defaultValue = "${env:PARLEY_RATE:-20}",
        description =
            "Frames per second a connection may send on average. Env PARLEY_RATE. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(
        names = "--burst",
        defaultValue = "${env:PARLEY_BURST:-60}",
        description =
            "Frames a connection may send at once after a quiet spell. Env PARLEY_BURST. Default: ${DEFAULT-VALUE}.")
    int burst;

    @Option(
        names = "--away-after",
        defaultValue = "${env:PARLEY_AWAY_AFTER:-PT5M}",
        description =
            "Inactivity before a user shows as away (ISO-8601 duration). Env PARLEY_AWAY_AFTER. Default: ${DEFAULT-VALUE}.")
    Duration awayAfter;

    @Option(
        names = "--nick-hold",
        defaultValue = "${env:PARLEY_NICK_HOLD:-P30D}",
        description =
            "How long a nick stays its user's after they were last seen; nobody else may take it meanwhile (ISO-8601 duration). Env PARLEY_NICK_HOLD. Default: ${DEFAULT-VALUE}.")
    Duration nickHold;

    @Option(
        names = "--session-idle",
        defaultValue = "${env:PARLEY_SESSION_IDLE:-P90D}",
        description =
            "How long a signed-in device may go unused before it is signed out (ISO-8601 duration). Env PARLEY_SESSION_IDLE. Default: ${DEFAULT-VALUE}.")
    Duration sessionIdle;

    @picocli.CommandLine.Mixin AccessOptions access = new AccessOptions();

    @picocli.CommandLine.Mixin SsoOptions sso = new SsoOptions();

    @picocli.CommandLine.Mixin LinkPreviewOptions previews = new LinkPreviewOptions();
    @picocli.CommandLine.Mixin PushOptions push = new PushOptions();

    @Option(
        names = "--ping-interval",
        defaultValue = "${env:PARLEY_PING_INTERVAL:-PT30S}",
        description =
            "How often idle connections are pinged; three unanswered closes them. Env PARLEY_PING_INTERVAL. Default: ${DEFAULT-VALUE}.")
    Duration pingInterval;

    @Option(
        names = "--max-outbound",
        defaultValue = "${env:PARLEY_MAX_OUTBOUND:-4194304}",
        description =
            "Unsent bytes after which a slow reader is closed with 1008. Env PARLEY_MAX_OUTBOUND. Default: ${DEFAULT-VALUE}.")
    int maxOutbound;

    @Option(
        names = "--retention-days",
        defaultValue = "${env:PARLEY_RETENTION_DAYS}",
        description =
            "Remove events older than this many days (a room's creator may set the room's own). "
                + "Env PARLEY_RETENTION_DAYS. Default: no age limit.")
    Integer retentionDays;

    @Option(
        names = "--retention-count",
        defaultValue = "${env:PARLEY_RETENTION_COUNT}",
        description =
            "Keep only the newest this many events of each room (a room's creator may set the room's own). "
                + "Env PARLEY_RETENTION_COUNT. Default: no count limit.")
    Integer retentionCount;

    @Option(
        names = "--retention-every",
        defaultValue = "${env:PARLEY_RETENTION_EVERY:-PT1M}",
        description =
            "How often retention is applied (ISO-8601 duration). Env PARLEY_RETENTION_EVERY. Default: ${DEFAULT-VALUE}.")
    Duration retentionEvery;

    @Option(
        names = "--redis",
        defaultValue = "${env:PARLEY_REDIS}",
        description =
            "redis://host:port of the Redis the nodes of a cluster share; needs a PostgreSQL --db. Env PARLEY_REDIS.")
    String redis;

    @Option(
        names = "--cluster-channel",
        defaultValue = "${env:PARLEY_CLUSTER_CHANNEL:-parley}",
        description =
            "Redis channel of this cluster (one per cluster on a shared Redis). Env PARLEY_CLUSTER_CHANNEL. Default: ${DEFAULT-VALUE}.")
    String clusterChannel;

    @Option(
        names = "--room-quota",
        defaultValue = "${env:PARLEY_ROOM_QUOTA:-20}",
        description =
            "Rooms one user may create per day. Env PARLEY_ROOM_QUOTA. Default: ${DEFAULT-VALUE}.")
    int roomQuota;

    @Option(
        names = "--rooms-per-user",
        defaultValue = "${env:PARLEY_ROOMS_PER_USER:-1000}",
        description =
            "Public rooms one user may be a member of at once. Env PARLEY_ROOMS_PER_USER. Default: ${DEFAULT-VALUE}.")
    int roomsPerUser;

    @Option(
        names = "--new-user-rate",
        defaultValue = "${env:PARLEY_NEW_USER_RATE:-20}",
        description =
            "New users one address may create per minute, in bursts of 50 (or of this many, when more)."
                + " Env PARLEY_NEW_USER_RATE. Default: ${DEFAULT-VALUE}.")
    int newUserRate;

    @Option(
        names = "--trusted-proxies",
        split = ",",
        defaultValue = "${env:PARLEY_TRUSTED_PROXIES}",
        description =
            "Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client, comma-separated "
                + "(e.g. 127.0.0.1,10.0.0.0/8). Env PARLEY_TRUSTED_PROXIES. Default: none.")
    List<String> trustedProxies;

    @Option(
        names = "--upload-quota",
        defaultValue = "${env:PARLEY_UPLOAD_QUOTA:-524288000}",
        description =
            "Bytes one user may upload per day; beyond it uploads get 429. Env PARLEY_UPLOAD_QUOTA. Default: ${DEFAULT-VALUE}.")
    long uploadQuota;

    @Option(
        names = "--max-connections-per-address",
        defaultValue = "${env:PARLEY_MAX_CONNECTIONS_PER_ADDRESS:-256}",
        description =
            "Open connections one client address may hold. Env PARLEY_MAX_CONNECTIONS_PER_ADDRESS. Default: ${DEFAULT-VALUE}.")
    int connectionsPerAddress;

    @Option(
        names = "--header-timeout",
        defaultValue = "${env:PARLEY_HEADER_TIMEOUT:-PT10S}",
        description =
            "A connection that has not sent a whole request head within this is closed, and so is a keep-alive"
                + " connection idle this long (ISO-8601 duration). Env PARLEY_HEADER_TIMEOUT. Default: ${DEFAULT-VALUE}.")
    Duration headerTimeout;

    @Option(
        names = "--hello-timeout",
        defaultValue = "${env:PARLEY_HELLO_TIMEOUT:-PT10S}",
        description =
            "A WebSocket that has not said hello within this of its upgrade is closed (ISO-8601 duration)."
                + " Env PARLEY_HELLO_TIMEOUT. Default: ${DEFAULT-VALUE}.")
    Duration helloTimeout;

    @Option(
        names = "--metrics-address",
        defaultValue = "${env:PARLEY_METRICS_ADDRESS}",
        description =
            "host:port of a separate listener for /metrics (e.g. 127.0.0.1:9464). Env PARLEY_METRICS_ADDRESS. "
                + "Default: /metrics on the main port, answered only to this machine (not through a proxy).")
    String metricsAddress;

    @Option(
        names = "--metrics-token",
        defaultValue = "${env:PARLEY_METRICS_TOKEN}",
        description =
            "A bearer token that may read /metrics from anywhere. Env PARLEY_METRICS_TOKEN. Default: none.")
    String metricsToken;

    @Option(
        names = "--public-names",
        split = ",",
        defaultValue = "${env:PARLEY_PUBLIC_NAMES}",
        description =
            "Host names people use to reach this server (e.g. chat.example.com), comma-separated. Requests naming "
                + "another host are refused (this stops DNS rebinding). Loopback names, IP addresses and this machine's name "
                + "always work, as do the hosts of --allowed-origins. Env PARLEY_PUBLIC_NAMES.")
    List<String> publicNames;

    @Option(
        names = "--exit-when-ready",
        hidden = true,
        description =
            "Start, report readiness, stop: used to train the class-data archive (run.sh).")
    boolean exitWhenReady;

    @Override
    public Integer call() throws InterruptedException {
      ParleyConfig config = config();
      if (config.clustered()
          && (config.db() == null || !config.db().startsWith("jdbc:postgresql:"))) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "--redis makes this node one of a cluster, and the nodes of a cluster share one PostgreSQL"
                + " database: give --db jdbc:postgresql://host/db?user=... too");
      }
      try {
        dev.parley.web.guard.TrustedProxies.parse(config.guards().trustedProxies());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--trusted-proxies: " + e.getMessage());
      }
      if (retentionEvery.isNegative() || retentionEvery.isZero()) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--retention-every must be positive");
      }
      dev.parley.links.PageFetcher fetcher = previews.fetcher(new CommandLine(this));
      long t0 = System.nanoTime();
      ParleyServer server = ParleyServer.start(config);
      if (fetcher != null) server.chat().linkPreviews().start(fetcher);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "parley-shutdown"));
      String shown = host.equals("0.0.0.0") ? "localhost" : host;
      System.out.printf(
          "Parley listening on http://%s:%d (ready in %d ms)%n",
          shown, server.port(), (System.nanoTime() - t0) / 1_000_000);
      System.out.flush();
      if (exitWhenReady) {
        try {
          SelfCheck.run(server.port());
        } catch (Exception e) {
          System.err.println("self-check failed: " + e);
          server.close();
          return 1;
        }
        server.close();
        return 0;
      }
      stopped.await();
      return 0;
    }

    /** The node's configuration as the options give it (going offline waits OFFLINE_GRACE). */
    ParleyConfig config() {
      return new ParleyConfig(
          host,
          port,
          dataDir,
          db == null || db.isBlank() ? null : db,
          list(allowedOrigins),
          maxFrame,
          maxText,
          maxUpload,
          rate,
          burst,
          awayAfter,
          pingInterval,
          maxOutbound,
          positive("--retention-days", retentionDays),
          positive("--retention-count", retentionCount),
          retentionEvery,
          blankToNull(redis),
          clusterChannel,
          Guards.defaults()
              .withRoomQuota(roomQuota)
              .withRoomsPerUser(roomsPerUser)
              .withNewUsers(newUserRate, Math.max(Guards.defaults().newUserBurst(), newUserRate))
              .withTrustedProxies(list(trustedProxies))
              .withUploads(
                  uploadQuota,
                  Guards.defaults().uploadsAtOnce(),
                  Guards.defaults().uploadIdle(),
                  Guards.defaults().unusedUploadKept())
              .withConnectionsPerAddress(connectionsPerAddress)
              .withTimeouts(
                  positive("--header-timeout", headerTimeout),
                  positive("--hello-timeout", helloTimeout))
              .withMetrics(blankToNull(metricsAddress), blankToNull(metricsToken))
              .withPublicNames(list(publicNames)),
          positive("--nick-hold", nickHold),
          positive("--session-idle", sessionIdle),
          registration(access.registration),
          blankToNull(access.publicUrl),
          sso.settings(new CommandLine(this), blankToNull(access.publicUrl)),
          list(access.admins),
          ParleyConfig.OFFLINE_GRACE,
          push.internal(new CommandLine(this)));
    }

    private dev.parley.domain.Registration.Mode registration(String value) {
      try {
        return dev.parley.domain.Registration.Mode.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--registration is open, invite or closed, not " + value);
      }
    }

    /** A comma-separated option's values, trimmed, without empty ones. */
    private static List<String> list(List<String> values) {
      return values == null
          ? List.of()
          : values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** An option's value stripped, or null when it is absent or blank (also the other options'). */
    static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }

    private Duration positive(String option, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), option + " must be positive");
      }
      return value;
    }

    /** A retention limit must be 1 or more: 0 would remove everything at the first sweep. */
    private Integer positive(String option, Integer value) {
      if (value != null && (value < 1 || value > dev.parley.domain.Retention.MAX)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            option + " must be from 1 to " + dev.parley.domain.Retention.MAX + ": " + value);
      }
      return value;
    }
  }
}

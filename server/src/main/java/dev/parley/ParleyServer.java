package dev.parley;

import dev.parley.archive.JsonArchive;
import dev.parley.bus.LocalBus;
import dev.parley.bus.RedisBus;
import dev.parley.bus.RedisNewUsers;
import dev.parley.bus.RedisRate;
import dev.parley.domain.AddressRates;
import dev.parley.domain.AdminDesk;
import dev.parley.domain.Bus;
import dev.parley.domain.Chat;
import dev.parley.domain.Cluster;
import dev.parley.domain.NewUsers;
import dev.parley.domain.Out;
import dev.parley.domain.Retention;
import dev.parley.domain.SharedRate;
import dev.parley.domain.Store;
import dev.parley.domain.UserRates;
import dev.parley.json.WireJson;
import dev.parley.store.sql.SqlStore;
import dev.parley.store.sql.SqlUploads;
import dev.parley.store.sql.UploadRecords;
import dev.parley.uploads.UploadNames;
import dev.parley.uploads.UploadStore;
import dev.parley.uploads.UploadSweep;
import dev.parley.web.HttpServer;
import dev.parley.web.RoomExports;
import dev.parley.web.Uploads;
import dev.parley.web.guard.HostNames;
import dev.parley.web.guard.HttpGuards;
import dev.parley.web.guard.MetricsAccess;
import dev.parley.web.guard.TrustedProxies;
import dev.parley.web.socket.Fanout;
import dev.parley.web.socket.Upgrade;
import dev.parley.web.socket.WarmUp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: store, domain, fan-out and the HTTP/WebSocket listener, wired together. {@link
 * #start} returns when the node can take traffic; {@link #close} is the graceful shutdown (stop
 * accepting, close sockets with 1001, flush the store).
 */
public final class ParleyServer implements AutoCloseable {

  public static final String VERSION = "0.1.0";
  private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

  /** How long shutdown waits for clients to answer the 1001 close. */
  private static final long CLOSE_WAIT_MILLIS = 1000;

  /**
   * The {@code users} lookups' own thread and queue: each lookup is bounded (a few milliseconds)
   * and each user has one at a time, so one thread keeps up; a full queue refuses at once.
   */
  private static final int LOOKUP_THREADS = 1;

  private static final int LOOKUP_QUEUE = 64;

  /** The first sweep of idle users after a start: later than the first rush of reconnects. */
  private static final long IDLE_USERS_FIRST_MILLIS = 60_000;

  /** The first sweep of ended sessions: a little after the idle users', not with it. */
  private static final long ENDED_SESSIONS_FIRST_MILLIS = 90_000;

  private final Store store;

  /** Who may join: {@code --registration} and invites (tests flip its permission hook). */
  private final dev.parley.domain.Registration registration;

  private final Bus bus;
  private final HttpServer http;

  /** The uploads' files and threads: opened here, closed here (the web side only borrows them). */
  private final UploadStore images;

  private final UploadRecords uploadRecords;
  private final PushSetup push;
  private final ScheduledFuture<?> ticker;
  private final ScheduledFuture<?> gatherer;
  private final ScheduledFuture<?> retention;
  private final ScheduledFuture<?> idleUsers;
  private final ScheduledFuture<?> endedSessions;

  /** The node's domain. */
  private final Chat chat;

  /** Reads the store's bans now and then ({@link AdminDesk#pollBans}). */
  private final ScheduledFuture<?> bans;

  private final UploadSweep uploadSweep;
  private final ThreadPoolExecutor lookups;
  private final SharedRate sharedRate;

  /** The cluster's count of new users per address; null on a node of its own. */
  private final RedisNewUsers clusterNewUsers;

  /** Wrong passwords counted for the whole cluster; null on a node alone. */
  private final dev.parley.bus.RedisGuesses clusterGuesses;

  private final int port;
  private volatile boolean running = true;

  private ParleyServer(ParleyConfig config) throws InterruptedException {
    if (config.clustered()
        && (config.db() == null || !config.db().startsWith("jdbc:postgresql:"))) {
      throw new IllegalArgumentException(
          "a node of a cluster (--redis) needs the cluster's PostgreSQL database (--db jdbc:postgresql://...)");
    }
    if (config.db() == null) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data folder " + config.dataDir(), e);
      }
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Opening the store (migrations, loading) and starting Netty are independent: do them at once.
    FutureTask<Store> opening = new FutureTask<>(() -> SqlStore.open(config.jdbcUrl(), registry));
    new Thread(opening, "parley-store-open").start();
    WarmUp.start(); // the first connection's classes, loaded while the store opens
    http = new HttpServer();
    Fanout fanout = new Fanout(http.workers(), registry);
    try {
      store = opening.get();
    } catch (ExecutionException e) {
      http.close();
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
    RedisBus redisBus = null;
    RedisRate clusterRate = null;
    Cluster cluster;
    NewUsers newUsers;
    Guards guards = config.guards();
    if (config.clustered()) {
      try {
        redisBus =
            RedisBus.connect(
                config.redis(),
                config.clusterChannel(),
                store,
                WireJson::encode,
                JsonArchive::liveEvent,
                fanout);
        clusterRate =
            RedisRate.connect(
                config.redis(),
                config.clusterChannel(),
                config.ratePerSecond(),
                config.rateBurst());
        clusterNewUsers =
            RedisNewUsers.connect(
                config.redis(),
                config.clusterChannel(),
                guards.newUsersPerMinute(),
                guards.newUserBurst());
        clusterGuesses =
            dev.parley.bus.RedisGuesses.connect(config.redis(), config.clusterChannel());
      } catch (RuntimeException e) {
        if (clusterRate != null) clusterRate.close();
        if (redisBus != null) redisBus.close();
        store.close();
        http.close();
        throw e;
      }
      bus = redisBus;
      cluster = redisBus;
      sharedRate = clusterRate;
      newUsers = clusterNewUsers;
    } else {
      bus = new LocalBus(WireJson::encode, fanout);
      cluster = Cluster.ALONE;
      sharedRate = new UserRates(config.ratePerSecond(), config.rateBurst());
      clusterNewUsers = null;
      clusterGuesses = null;
      newUsers = new AddressRates(guards.newUsersPerMinute(), guards.newUserBurst());
    }
    Chat.Settings settings =
        new Chat.Settings(
            VERSION,
            new Out.Limits(
                config.maxTextChars(),
                config.uploadMaxBytes(),
                config.ratePerSecond(),
                config.rateBurst(),
                config.maxFrameBytes()),
            config.awayAfter().toMillis(),
            new Retention(config.retentionDays(), config.retentionCount()),
            config.guards().roomQuota(),
            config.guards().roomsPerUser(),
            config.nickHold().toMillis(),
            config.offlineGrace().toMillis());
    uploadRecords = UploadRecords.open(config.jdbcUrl(), store);
    images = openUploads(config, uploadRecords);
    Chat chat = new Chat(store, bus, cluster, images, settings, System::currentTimeMillis);
    registration = chat.registration();
    this.chat = chat;
    chat.newUsers(newUsers);
    chat.accounts().sessionIdle(config.sessionIdle().toMillis());
    chat.accounts().passwords(new dev.parley.auth.Argon2Passwords());
    if (clusterGuesses != null) chat.accounts().guessCounts(clusterGuesses);
    if (clusterGuesses != null) chat.accounts().addressGuesses(clusterGuesses);
    chat.registration().configure(config.registration(), baseUrl(config, config.port()));
    chat.admin().named(config.admins());
    if (config.oidc() != null)
      http.singleSignOn(new dev.parley.web.sso.SsoEndpoint(config.oidc(), chat.accounts()));
    uploadSweep =
        new UploadSweep(
                images,
                uploadRecords.quota(),
                uploadRecords.credentials(),
                System::currentTimeMillis,
                guards.unusedUploadKept().toMillis(),
                Uploads.CREDENTIAL_MAX_AGE_MILLIS)
            .start();
    chat.afterPurge(uploadSweep::request);
    Uploads uploads =
        new Uploads(
            images,
            uploadRecords.quota(),
            uploadRecords.credentials(),
            new Uploads.Settings(
                config.uploadMaxBytes(),
                guards.uploadQuotaBytes(),
                guards.uploadsAtOnce(),
                guards.uploadIdle()),
            chat.httpDoors()::userIdForToken, // see BearerTokens
            (userId, upload) ->
                chat.httpDoors()
                    .maySeeUpload(
                        userId,
                        upload.owner(),
                        store.roomsShowing(UploadNames.URL_PREFIX + upload.name()).join()),
            System::currentTimeMillis);
    chat.subscriptions(fanout);
    push = PushSetup.start(config, store, cluster, chat);
    lookups =
        new ThreadPoolExecutor(
            LOOKUP_THREADS,
            LOOKUP_THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(LOOKUP_QUEUE),
            r -> {
              Thread t = new Thread(r, "parley-lookups");
              t.setDaemon(true);
              return t;
            });
    chat.people().lookupsOn(lookups);
    if (redisBus != null) redisBus.start(chat.clusterLog());
    Counter framesIn =
        Counter.builder("parley.events.in")
            .description("Frames received from clients")
            .register(registry);
    Gauge.builder("parley.connections", fanout, Fanout::connected)
        .description("WebSocket connections that said hello")
        .register(registry);
    Gauge.builder("parley.rooms", chat, Chat::roomCount).description("Rooms").register(registry);
    Upgrade upgrade =
        new Upgrade(
            chat,
            fanout,
            new Upgrade.Settings(
                config.maxFrameBytes(),
                config.ratePerSecond(),
                config.rateBurst(),
                config.pingInterval().toMillis(),
                config.allowedOrigins(),
                config.guards().helloTimeout().toMillis()),
            framesIn,
            sharedRate);
    port =
        http.start(
            config.host(),
            config.port(),
            config.maxOutboundBytes(),
            upgrade,
            uploads,
            new RoomExports(chat, store),
            registry::scrape,
            () -> running,
            httpGuards(config),
            config.guards().metricsAddress(),
            config.guards().headerTimeout());
    chat.registration().configure(config.registration(), baseUrl(config, port)); // port 0: bound
    long tick = Math.max(50, Math.min(1000, config.awayAfter().toMillis() / 4));
    ticker =
        http.workers().next().scheduleAtFixedRate(chat::tick, tick, tick, TimeUnit.MILLISECONDS);
    gatherer =
        http.workers()
            .next()
            .scheduleAtFixedRate(
                chat::flushGathered, Chat.GATHER_MILLIS, Chat.GATHER_MILLIS, TimeUnit.MILLISECONDS);
    // A sweep only queues small steps to the store's writer, so an event loop can start it.
    long every = Math.max(10, config.retentionEvery().toMillis());
    retention =
        http.workers()
            .next()
            .scheduleAtFixedRate(
                chat::sweepRetention, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    // Bans made by the command line (or missed on the bus): a small read on the store's pool.
    bans =
        http.workers()
            .next()
            .scheduleAtFixedRate(
                chat.admin()::pollBans,
                AdminDesk.POLL_MILLIS,
                AdminDesk.POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    // Users who never sent anything, gone a day: a read on the store's pool, then one write.
    idleUsers =
        http.workers()
            .next()
            .scheduleAtFixedRate(
                chat::sweepIdleUsers,
                IDLE_USERS_FIRST_MILLIS,
                Chat.IDLE_USERS_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    // Sessions revoked or expired long enough ago: the same, a read and then one write.
    endedSessions =
        http.workers()
            .next()
            .scheduleAtFixedRate(
                chat::sweepEndedSessions,
                ENDED_SESSIONS_FIRST_MILLIS,
                Chat.ENDED_SESSIONS_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
  }

  /**
   * The uploads: their bytes in files of the data folder, or, on a PostgreSQL store (a cluster), in
   * rows of the database that every node serves; either way arriving through the node's own temp
   * folder, and recorded in the store's database.
   */
  private static UploadStore openUploads(ParleyConfig config, UploadRecords records) {
    java.nio.file.Path dir = config.dataDir().resolve("uploads");
    if (!config.jdbcUrl().startsWith("jdbc:postgresql:")) {
      return UploadStore.open(
          dir, UploadStore.folder(dir), records.links(), System::currentTimeMillis);
    }
    SqlUploads rows = SqlUploads.connect(config.jdbcUrl());
    try {
      return UploadStore.open(dir, rows, records.links(), System::currentTimeMillis);
    } catch (RuntimeException e) {
      rows.close();
      throw e;
    }
  }

  /** The HTTP side's guards, from the configuration's. */
  private static HttpGuards httpGuards(ParleyConfig config) {
    Guards g = config.guards();
    return new HttpGuards(
        TrustedProxies.parse(g.trustedProxies()),
        new HostNames(g.publicNames(), config.allowedOrigins(), config.host()),
        g.connectionsPerAddress(),
        g.headerTimeout(),
        new MetricsAccess(g.metricsToken(), g.metricsAddress() != null));
  }

  /** Starts a node; returns once it can take traffic. */
  public static ParleyServer start(ParleyConfig config) {
    try {
      return new ParleyServer(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  /** The port of the {@code --metrics-address} listener (useful with port 0), or -1 without one. */
  public int metricsPort() {
    return http.metricsPort();
  }

  /** Where invite links point: {@code --public-url}, else this machine and port. */
  private static String baseUrl(ParleyConfig config, int port) {
    return config.publicUrl() != null ? config.publicUrl() : "http://localhost:" + port;
  }

  /** Web Push on this node (tests start a sender of their own on its book). */
  public PushSetup push() {
    return push;
  }

  /** Who may join, and the invites to this server. */
  public dev.parley.domain.Registration registration() {
    return registration;
  }

  /** The invites in this node's store (tests, and what the command line makes). */
  public dev.parley.domain.Invites invites() {
    return store.invites();
  }

  /**
   * The node's domain: for tests that set up what no frame can yet (an account made protected
   * before the user could protect it themselves).
   */
  public Chat chat() {
    return chat;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return port;
  }

  /** Graceful: stop accepting, say 1001 to every socket, commit what is queued, stop. */
  @Override
  public synchronized void close() {
    if (!running) return;
    running = false;
    for (var timer : List.of(ticker, gatherer, retention, idleUsers, endedSessions, bans))
      timer.cancel(false);
    uploadSweep.close();
    lookups.shutdownNow();
    http.stopAccepting();
    http.closeSockets(CLOSE_WAIT_MILLIS);
    chat.leaveNow(); // the grace of those just closed is moot: the cluster hears of it now
    // The store's last commits still publish through the event loops, so they stop after it.
    store.close();
    sharedRate.close();
    if (clusterNewUsers != null) clusterNewUsers.close();
    if (clusterGuesses != null) clusterGuesses.close();
    bus.close();
    http.close();
    images.close();
    uploadRecords.close();
    push.close();
    LOG.info("Parley stopped");
  }
}

package dev.parley;

import dev.parley.domain.Registration;
import dev.parley.web.sso.OidcSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node can be told at start. The command line fills it (each option also read from a
 * {@code PARLEY_*} environment variable); tests build it with {@link #defaults()} and the {@code
 * with...} methods.
 *
 * @param db a JDBC URL, or null for the embedded SQLite file {@code parley.db} in {@code dataDir}
 * @param allowedOrigins origins accepted on the WebSocket handshake besides the server's own
 * @param maxFrameBytes a client frame over this closes the connection with 1009
 * @param ratePerSecond frames a connection may send per second on average
 * @param rateBurst frames a connection may send at once after a quiet spell
 * @param awayAfter a user with no activity for this long is shown as away
 * @param pingInterval how often the server pings; a connection silent for three intervals is closed
 * @param maxOutboundBytes a connection whose unsent bytes pass this is a slow reader: closed with
 *     1008
 * @param uploadMaxBytes the largest image {@code POST /api/uploads} takes (413 beyond)
 * @param retentionDays events older than this many days are removed (null: no age limit)
 * @param retentionCount a room keeps only its newest this many events (null: no count limit)
 * @param retentionEvery how often the retention sweep runs
 * @param redis a {@code redis://host:port} URL: this node is one of a cluster (needs a PostgreSQL
 *     {@code db}); null for a node on its own
 * @param clusterChannel the Redis channel the nodes of one cluster share (tests give each run its
 *     own)
 * @param guards the bounds that keep one client from spending what everyone shares (the contract's
 *     "Limits that protect everyone")
 * @param nickHold how long a nick stays its user's after they were last seen (the contract's {@code
 *     --nick-hold}): nobody else may take it meanwhile
 * @param sessionIdle how long a session may go unused before its token stops working ({@code
 *     --session-idle})
 * @param registration who may join ({@code --registration}): open, by invite, or closed
 * @param publicUrl the address people reach this server at ({@code --public-url}), for invite
 *     links; null: http://localhost and the port
 * @param oidc single sign-on through an OpenID provider, or null: off
 * @param admins the nicks of the server's administrators ({@code --admins}): each counts once the
 *     account holding it is protected
 * @param offlineGrace how long after a user's last connection closed they go offline, unless back
 *     (a reload or a reconnect within it is seen by nobody); zero: at once
 * @param pushInternal inside addresses push endpoints may have besides public ones ({@code
 *     --push-internal}, as {@link dev.parley.domain.InternalHosts} reads them): an operator's own
 *     push relay
 */
public record ParleyConfig(
    String host,
    int port,
    Path dataDir,
    String db,
    List<String> allowedOrigins,
    int maxFrameBytes,
    int maxTextChars,
    long uploadMaxBytes,
    int ratePerSecond,
    int rateBurst,
    Duration awayAfter,
    Duration pingInterval,
    int maxOutboundBytes,
    Integer retentionDays,
    Integer retentionCount,
    Duration retentionEvery,
    String redis,
    String clusterChannel,
    Guards guards,
    Duration nickHold,
    Duration sessionIdle,
    Registration.Mode registration,
    String publicUrl,
    OidcSettings oidc,
    List<String> admins,
    Duration offlineGrace,
    List<String> pushInternal) {

  /** The default {@link #offlineGrace}: longer than a page reload or a client's reconnect. */
  public static final Duration OFFLINE_GRACE = Duration.ofSeconds(2);

  public static final String DEFAULT_CLUSTER_CHANNEL = "parley";

  public static ParleyConfig defaults() {
    return new ParleyConfig(
        "0.0.0.0",
        3000,
        Path.of("data"),
        null,
        List.of(),
        64 * 1024,
        8000,
        10L * 1024 * 1024,
        20,
        60,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        4 * 1024 * 1024,
        null,
        null,
        Duration.ofMinutes(1),
        null,
        DEFAULT_CLUSTER_CHANNEL,
        Guards.defaults(),
        Duration.ofDays(30),
        Duration.ofDays(90),
        Registration.Mode.OPEN,
        null,
        null,
        List.of(),
        Duration.ZERO, // the command line's is OFFLINE_GRACE; embedded and tests: at once
        List.of());
  }

  /** A copy with other guards (tests: {@code c.withGuards(c.guards().withRoomQuota(3))}). */
  public ParleyConfig withGuards(Guards guards) {
    return edit(b -> b.guards = guards);
  }

  public ParleyConfig withPort(int port) {
    return edit(b -> b.port = port);
  }

  public ParleyConfig withDataDir(Path dataDir) {
    return edit(b -> b.dataDir = dataDir);
  }

  public ParleyConfig withDb(String db) {
    return edit(b -> b.db = db);
  }

  /** One node of a cluster: its bus is the Redis at {@code redis}, on {@code channel}. */
  public ParleyConfig withRedis(String redis, String channel) {
    return edit(
        b -> {
          b.redis = redis;
          b.clusterChannel = channel;
        });
  }

  public ParleyConfig withAllowedOrigins(List<String> allowedOrigins) {
    return edit(b -> b.allowedOrigins = allowedOrigins);
  }

  public ParleyConfig withRate(int ratePerSecond, int rateBurst) {
    return edit(
        b -> {
          b.ratePerSecond = ratePerSecond;
          b.rateBurst = rateBurst;
        });
  }

  public ParleyConfig withAwayAfter(Duration awayAfter) {
    return edit(b -> b.awayAfter = awayAfter);
  }

  public ParleyConfig withPingInterval(Duration pingInterval) {
    return edit(b -> b.pingInterval = pingInterval);
  }

  public ParleyConfig withUploadMaxBytes(long uploadMaxBytes) {
    return edit(b -> b.uploadMaxBytes = uploadMaxBytes);
  }

  public ParleyConfig withMaxOutboundBytes(int maxOutboundBytes) {
    return edit(b -> b.maxOutboundBytes = maxOutboundBytes);
  }

  /** The server's retention policy (nulls: no limit of that kind) and how often it is applied. */
  public ParleyConfig withRetention(Integer days, Integer count, Duration every) {
    return edit(
        b -> {
          b.retentionDays = days;
          b.retentionCount = count;
          b.retentionEvery = every;
        });
  }

  /** A copy in which a nick is held this long after its user was last seen. */
  public ParleyConfig withNickHold(Duration nickHold) {
    return edit(b -> b.nickHold = nickHold);
  }

  /** A copy in which a session unused this long expires. */
  public ParleyConfig withSessionIdle(Duration sessionIdle) {
    return edit(b -> b.sessionIdle = sessionIdle);
  }

  /** A copy with another registration policy ({@code --registration}). */
  public ParleyConfig withRegistration(Registration.Mode registration) {
    return edit(b -> b.registration = registration);
  }

  /** A copy whose invite links point at {@code publicUrl} ({@code --public-url}). */
  public ParleyConfig withPublicUrl(String publicUrl) {
    return edit(b -> b.publicUrl = publicUrl);
  }

  /** A copy with single sign-on through this OpenID provider (null: off). */
  public ParleyConfig withOidc(OidcSettings oidc) {
    return edit(b -> b.oidc = oidc);
  }

  /** A copy whose users go offline this long after their last connection closed. */
  public ParleyConfig withOfflineGrace(Duration offlineGrace) {
    return edit(b -> b.offlineGrace = offlineGrace);
  }

  /** A copy whose push endpoints may also be at these inside addresses. */
  public ParleyConfig withPushInternal(List<String> pushInternal) {
    return edit(b -> b.pushInternal = List.copyOf(pushInternal));
  }

  /** A copy whose administrators are these nicks. */
  public ParleyConfig withAdmins(List<String> admins) {
    return edit(b -> b.admins = List.copyOf(admins));
  }

  /** A copy with some fields changed: the one place that lists every field in order. */
  private ParleyConfig edit(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new ParleyConfig(
        f.host,
        f.port,
        f.dataDir,
        f.db,
        f.allowedOrigins,
        f.maxFrameBytes,
        f.maxTextChars,
        f.uploadMaxBytes,
        f.ratePerSecond,
        f.rateBurst,
        f.awayAfter,
        f.pingInterval,
        f.maxOutboundBytes,
        f.retentionDays,
        f.retentionCount,
        f.retentionEvery,
        f.redis,
        f.clusterChannel,
        f.guards,
        f.nickHold,
        f.sessionIdle,
        f.registration,
        f.publicUrl,
        f.oidc,
        f.admins,
        f.offlineGrace,
        f.pushInternal);
  }

  /** The fields of a config, mutable while a copy is being edited. */
  private static final class Fields {
    String host;
    int port;
    Path dataDir;
    String db;
    List<String> allowedOrigins;
    int maxFrameBytes;
    int maxTextChars;
    long uploadMaxBytes;
    int ratePerSecond;
    int rateBurst;
    Duration awayAfter;
    Duration pingInterval;
    int maxOutboundBytes;
    Integer retentionDays;
    Integer retentionCount;
    Duration retentionEvery;
    String redis;
    String clusterChannel;
    Guards guards;
    Duration nickHold;
    Duration sessionIdle;
    Registration.Mode registration;
    String publicUrl;
    OidcSettings oidc;
    List<String> admins;
    Duration offlineGrace;
    List<String> pushInternal;

    Fields(ParleyConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      db = c.db;
      allowedOrigins = c.allowedOrigins;
      maxFrameBytes = c.maxFrameBytes;
      maxTextChars = c.maxTextChars;
      uploadMaxBytes = c.uploadMaxBytes;
      ratePerSecond = c.ratePerSecond;
      rateBurst = c.rateBurst;
      awayAfter = c.awayAfter;
      pingInterval = c.pingInterval;
      maxOutboundBytes = c.maxOutboundBytes;
      retentionDays = c.retentionDays;
      retentionCount = c.retentionCount;
      retentionEvery = c.retentionEvery;
      redis = c.redis;
      clusterChannel = c.clusterChannel;
      guards = c.guards;
      nickHold = c.nickHold;
      sessionIdle = c.sessionIdle;
      registration = c.registration;
      publicUrl = c.publicUrl;
      oidc = c.oidc;
      admins = c.admins;
      offlineGrace = c.offlineGrace;
      pushInternal = c.pushInternal;
    }
  }

  /** Whether this node is one of a cluster (a Redis bus on PostgreSQL). */
  public boolean clustered() {
    return redis != null;
  }

  /** The JDBC URL the store opens. */
  public String jdbcUrl() {
    return db != null ? db : "jdbc:sqlite:" + dataDir.resolve("parley.db").toAbsolutePath();
  }
}

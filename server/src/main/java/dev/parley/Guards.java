package dev.parley;

import java.time.Duration;
import java.util.List;

/**
 * What one client, one address or one account may spend of what everyone shares. The defaults are
 * the contract's ("Limits that protect everyone").
 *
 * @param roomQuota rooms one user may create per day ({@code create} beyond: {@code quota})
 * @param roomsPerUser public rooms one user may be a member of at once ({@code join} and {@code
 *     create} beyond: {@code quota}): each is a line of their welcome
 * @param newUsersPerMinute new users one address may create per minute, on average
 * @param newUserBurst new users one address may create at once
 * @param trustedProxies addresses (or CIDR blocks) of reverse proxies whose {@code X-Forwarded-For}
 *     names the client; from anyone else the header is ignored
 * @param uploadQuotaBytes bytes one user may upload per day (429 beyond)
 * @param uploadsAtOnce uploads one user may have under way at once
 * @param uploadIdle an upload that sends nothing for this long is dropped
 * @param unusedUploadKept an upload no message refers to is removed after this long
 * @param headerTimeout a connection must have sent its request line and headers within this
 * @param helloTimeout an upgraded connection must have said hello within this
 * @param connectionsPerAddress open connections (HTTP and WebSocket) one address may hold
 * @param metricsAddress {@code host:port} of a separate listener for {@code /metrics}; null: {@code
 *     /metrics} on the main port, answered only to loopback peers that came through no proxy (or to
 *     {@code metricsToken})
 * @param metricsToken a bearer token that may read {@code /metrics} from anywhere; null: none
 * @param publicNames host names (besides loopback names, IP literals and this machine's own name)
 *     that the server answers to: a {@code Host} header naming anything else is refused, which
 *     stops DNS rebinding
 */
public record Guards(
    int roomQuota,
    int roomsPerUser,
    int newUsersPerMinute,
    int newUserBurst,
    List<String> trustedProxies,
    long uploadQuotaBytes,
    int uploadsAtOnce,
    Duration uploadIdle,
    Duration unusedUploadKept,
    Duration headerTimeout,
    Duration helloTimeout,
    int connectionsPerAddress,
    String metricsAddress,
    String metricsToken,
    List<String> publicNames) {

  public static Guards defaults() {
    return new Guards(
        20,
        1000,
        20,
        50,
        List.of(),
        500L * 1024 * 1024,
        3,
        Duration.ofSeconds(15),
        Duration.ofHours(24),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        256,
        null,
        null,
        List.of());
  }

  public Guards withRoomQuota(int v) {
    return edit(f -> f.roomQuota = v);
  }

  public Guards withRoomsPerUser(int v) {
    return edit(f -> f.roomsPerUser = v);
  }

  public Guards withNewUsers(int perMinute, int burst) {
    return edit(
        f -> {
          f.newUsersPerMinute = perMinute;
          f.newUserBurst = burst;
        });
  }

  public Guards withTrustedProxies(List<String> v) {
    return edit(f -> f.trustedProxies = v);
  }

  public Guards withUploads(long quotaBytes, int atOnce, Duration idle, Duration unusedKept) {
    return edit(
        f -> {
          f.uploadQuotaBytes = quotaBytes;
          f.uploadsAtOnce = atOnce;
          f.uploadIdle = idle;
          f.unusedUploadKept = unusedKept;
        });
  }

  public Guards withTimeouts(Duration header, Duration hello) {
    return edit(
        f -> {
          f.headerTimeout = header;
          f.helloTimeout = hello;
        });
  }

  public Guards withConnectionsPerAddress(int v) {
    return edit(f -> f.connectionsPerAddress = v);
  }

  public Guards withMetrics(String address, String token) {
    return edit(
        f -> {
          f.metricsAddress = address;
          f.metricsToken = token;
        });
  }

  public Guards withPublicNames(List<String> v) {
    return edit(f -> f.publicNames = v);
  }

  /** A copy with some fields changed: the one place that lists every field in order. */
  private Guards edit(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new Guards(
        f.roomQuota,
        f.roomsPerUser,
        f.newUsersPerMinute,
        f.newUserBurst,
        f.trustedProxies,
        f.uploadQuotaBytes,
        f.uploadsAtOnce,
        f.uploadIdle,
        f.unusedUploadKept,
        f.headerTimeout,
        f.helloTimeout,
        f.connectionsPerAddress,
        f.metricsAddress,
        f.metricsToken,
        f.publicNames);
  }

  /** The fields of a copy being edited. */
  private static final class Fields {
    int roomQuota;
    int roomsPerUser;
    int newUsersPerMinute;
    int newUserBurst;
    List<String> trustedProxies;
    long uploadQuotaBytes;
    int uploadsAtOnce;
    Duration uploadIdle;
    Duration unusedUploadKept;
    Duration headerTimeout;
    Duration helloTimeout;
    int connectionsPerAddress;
    String metricsAddress;
    String metricsToken;
    List<String> publicNames;

    Fields(Guards g) {
      roomQuota = g.roomQuota;
      roomsPerUser = g.roomsPerUser;
      newUsersPerMinute = g.newUsersPerMinute;
      newUserBurst = g.newUserBurst;
      trustedProxies = g.trustedProxies;
      uploadQuotaBytes = g.uploadQuotaBytes;
      uploadsAtOnce = g.uploadsAtOnce;
      uploadIdle = g.uploadIdle;
      unusedUploadKept = g.unusedUploadKept;
      headerTimeout = g.headerTimeout;
      helloTimeout = g.helloTimeout;
      connectionsPerAddress = g.connectionsPerAddress;
      metricsAddress = g.metricsAddress;
      metricsToken = g.metricsToken;
      publicNames = g.publicNames;
    }
  }
}

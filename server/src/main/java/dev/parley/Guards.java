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
    return new Guards(
        v,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withRoomsPerUser(int v) {
    return new Guards(
        roomQuota,
        v,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withNewUsers(int perMinute, int burst) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        perMinute,
        burst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withTrustedProxies(List<String> v) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        v,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withUploads(long quotaBytes, int atOnce, Duration idle, Duration unusedKept) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        quotaBytes,
        atOnce,
        idle,
        unusedKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withTimeouts(Duration header, Duration hello) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        header,
        hello,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withConnectionsPerAddress(int v) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        v,
        metricsAddress,
        metricsToken,
        publicNames);
  }

  public Guards withMetrics(String address, String token) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        address,
        token,
        publicNames);
  }

  public Guards withPublicNames(List<String> v) {
    return new Guards(
        roomQuota,
        roomsPerUser,
        newUsersPerMinute,
        newUserBurst,
        trustedProxies,
        uploadQuotaBytes,
        uploadsAtOnce,
        uploadIdle,
        unusedUploadKept,
        headerTimeout,
        helloTimeout,
        connectionsPerAddress,
        metricsAddress,
        metricsToken,
        v);
  }
}

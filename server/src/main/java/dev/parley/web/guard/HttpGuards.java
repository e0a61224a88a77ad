package dev.parley.web.guard;

import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/**
 * The guards of a listener's HTTP side, built once from the configuration: who the trusted proxies
 * are, which host names are answered, how many connections an address may hold, how long a request
 * head may take, and who may read the metrics. {@link #first} goes first in each pipeline, {@link
 * #afterCodec} right after the HTTP codec; {@link #leaveHttp} takes the per-request guards out when
 * a connection becomes a WebSocket.
 */
public final class HttpGuards {

  private final TrustedProxies proxies;
  private final HostNames hosts;
  private final AddressLimit addressLimit;
  private final long headerNanos;
  private final MetricsAccess metrics;

  public HttpGuards(
      TrustedProxies proxies,
      HostNames hosts,
      int connectionsPerAddress,
      Duration headerTimeout,
      MetricsAccess metrics) {
    this.proxies = proxies;
    this.hosts = hosts;
    this.addressLimit = new AddressLimit(connectionsPerAddress, proxies);
    this.headerNanos = headerTimeout.toNanos();
    this.metrics = metrics;
  }

  public TrustedProxies proxies() {
    return proxies;
  }

  HostNames hosts() {
    return hosts;
  }

  AddressLimit addressLimit() {
    return addressLimit;
  }

  public MetricsAccess metrics() {
    return metrics;
  }

  /** The first handler of each pipeline: the per-address connection cap. */
  public AddressLimit first() {
    return addressLimit;
  }

  /** Adds the request head's deadline and gate; call right after adding the HTTP codec. */
  public void afterCodec(ChannelPipeline p) {
    p.addLast(RequestDeadline.NAME, new RequestDeadline(headerNanos));
    p.addLast(RequestGate.NAME, new RequestGate(this));
  }

  /** The connection is a WebSocket now: requests are over, so are their guards. */
  public static void leaveHttp(ChannelPipeline p) {
    if (p.get(RequestDeadline.NAME) != null) p.remove(RequestDeadline.NAME);
    if (p.get(RequestGate.NAME) != null) p.remove(RequestGate.NAME);
  }
}

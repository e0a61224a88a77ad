package dev.parley.web.guard;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code --max-connections-per-address} open connections (HTTP and WebSocket) per client
 * address, so that one client cannot hold every file descriptor the server has (20,000 idle sockets
 * from one machine made {@code accept} fail for everyone). First in every pipeline: a connection
 * from a direct client is counted when it opens, before a byte is parsed; one from a trusted proxy
 * is counted by {@link RequestGate} under the forwarded address of its first request, since only
 * then is it known whom it carries. Over the cap, the connection gets {@code 429} and is closed at
 * once.
 *
 * <p>One instance per listener, shared by its channels; the counts are a concurrent map whose
 * entries go when they reach zero, so it holds only addresses with a connection open.
 */
@ChannelHandler.Sharable
public final class AddressLimit extends ChannelInboundHandlerAdapter {

  private static final AttributeKey<String> COUNTED = AttributeKey.valueOf("parley.counted");
  private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("parley.refused");
  private static final byte[] REFUSAL =
      http429("Too many connections from your address: close some and try again.\n");

  private final int max;
  private final TrustedProxies proxies;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  public AddressLimit(int max, TrustedProxies proxies) {
    this.max = max;
    this.proxies = proxies;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress peer = ClientAddress.peer(ctx.channel());
    if (!proxies.contains(peer) && !count(ctx.channel(), ClientAddress.key(peer))) {
      ctx.channel().attr(REFUSED).set(true);
      Refusals.answerAndClose(ctx, Unpooled.wrappedBuffer(REFUSAL));
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (ctx.channel().hasAttr(REFUSED)) {
      ReferenceCountUtil.release(msg); // refused: the request is dropped unread
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    String key = ctx.channel().attr(COUNTED).getAndSet(null);
    if (key != null) open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    ctx.fireChannelInactive();
  }

  /**
   * Counts the channel under {@code key} unless it is counted already; false when that address is
   * at the cap.
   */
  boolean count(Channel ch, String key) {
    if (ch.attr(COUNTED).get() != null) return true;
    boolean[] room = {false};
    open.compute(
        key,
        (k, n) -> {
          int now = n == null ? 0 : n;
          if (now >= max) return n;
          room[0] = true;
          return now + 1;
        });
    if (room[0]) ch.attr(COUNTED).set(key);
    return room[0];
  }

  private static byte[] http429(String sentence) {
    byte[] body = sentence.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nRetry-After: 10\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}

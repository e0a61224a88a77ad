package dev.parley.web.guard;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at each request's head before anything else does (uploads included): records who the client
 * is ({@link ClientAddress#KEY}), counts a proxied connection under that client's address ({@link
 * AddressLimit}), and refuses a {@code Host} this server does not answer to ({@link HostNames})
 * with {@code 421 Misdirected Request} and a sentence telling the operator what to add. A refused
 * request's body is dropped unread and the connection closed.
 *
 * <p>One per channel, after the HTTP codec, on the channel's event loop.
 */
public final class RequestGate extends ChannelInboundHandlerAdapter {

  public static final String NAME = "request-gate";
  private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

  private final HttpGuards guards;
  private boolean refused;

  RequestGate(HttpGuards guards) {
    this.guards = guards;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest req) {
      Channel ch = ctx.channel();
      InetAddress peer = ClientAddress.peer(ch);
      String client = ClientAddress.key(ClientAddress.of(peer, req.headers(), guards.proxies()));
      ch.attr(ClientAddress.KEY).set(client);
      if (guards.proxies().contains(peer) && !guards.addressLimit().count(ch, client)) {
        refuse(
            ctx,
            msg,
            HttpResponseStatus.TOO_MANY_REQUESTS,
            "Too many connections from your address: close some and try again.\n");
        return;
      }
      String host = req.headers().get(HttpHeaderNames.HOST);
      if (!guards.hosts().allowed(host)) {
        LOG.debug(
            "refused a request for host {} from {}",
            host,
            client); // debug: a flood must not flood the log
        String name = HostNames.host(host);
        refuse(
            ctx,
            msg,
            HttpResponseStatus.MISDIRECTED_REQUEST,
            "This server does not answer to the name "
                + name
                + ". If people reach it by that name, its operator"
                + " adds it with --public-names "
                + name
                + ".\n");
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private void refuse(
      ChannelHandlerContext ctx, Object msg, HttpResponseStatus status, String sentence) {
    refused = true;
    ReferenceCountUtil.release(msg);
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(sentence, StandardCharsets.UTF_8));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set("X-Content-Type-Options", "nosniff")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setContentLength(res, res.content().readableBytes());
    Refusals.answerAndClose(ctx, res);
  }
}

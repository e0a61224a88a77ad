package dev.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket client connection with a minimal hand-rolled RFC 6455 client codec: a fixed upgrade
 * request, frames parsed in place from the cumulated input, text payloads copied into a per-loop
 * scratch array and handed to the scenario without building strings or JSON trees. Outbound frames
 * carry an all-zero masking key (legal: the key is not checked by servers), so no XOR pass is
 * needed.
 */
final class Conn extends ChannelInboundHandlerAdapter {

  /** What a scenario does with a connection's events. Called on the connection's event loop. */
  interface Listener {
    default void onText(Conn c, byte[] a, int off, int len, long nowNs) {}

    default void onClose(Conn c) {}
  }

  private static final ThreadLocal<byte[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[][] {new byte[64 * 1024]});
  private static final byte[] HTTP_END = Scan.ascii("\r\n\r\n");

  final int index;
  final String hostPort;
  final String path;
  final Loop loop;
  volatile Listener listener;
  Channel ch;
  boolean upgraded;
  private ByteBuf cum;
  private ByteBuf fragments; // continuation frames (rare)
  final CompletableFuture<Conn> opened = new CompletableFuture<>();
  final CompletableFuture<Conn> closed = new CompletableFuture<>();

  // request/reply during setup: the next frame whose "ref" is waitRef completes waitFuture
  private byte[] waitRef;
  private boolean waitWelcome;
  private CompletableFuture<String> waitFuture;

  /** Text frames read so far (written on the loop): what a failed arrival had heard. */
  volatile int textFrames;

  /**
   * The start of the last text frame read while a request waited, its answer included (setup only),
   * for a failed arrival's line.
   */
  volatile String lastWhileWaiting;

  /**
   * When the socket was made and when its upgrade was read ({@link System#nanoTime}; 0: not yet).
   */
  final long madeNanos = System.nanoTime();

  volatile long openedNanos;

  // scenario state
  String nick;
  String token;
  String userId;
  int room = -1;
  byte[] roomBytes;
  long lastSeq = -1;
  long seqGaps;
  long seqDups;
  Object attachment;

  Conn(int index, String hostPort, String path, Loop loop, Listener listener) {
    this.index = index;
    this.hostPort = hostPort;
    this.path = path;
    this.loop = loop;
    this.listener = listener;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ch = ctx.channel();
    String req =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + hostPort
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: cGFybGV5LWJlbmNoLWtleQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    ctx.writeAndFlush(
        ctx.alloc().buffer(req.length()).writeBytes(req.getBytes(StandardCharsets.US_ASCII)),
        ctx.voidPromise());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    long now = System.nanoTime();
    cum = cum == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cum, in);
    try {
      if (!upgraded && !handshake(ctx)) return;
      parseFrames(ctx, now);
    } finally {
      if (cum != null) {
        if (!cum.isReadable()) {
          cum.release();
          cum = null;
        } else {
          cum.discardSomeReadBytes();
        }
      }
    }
  }

  private boolean handshake(ChannelHandlerContext ctx) {
    int n = cum.readableBytes();
    byte[] a = scratch(n);
    cum.getBytes(cum.readerIndex(), a, 0, n);
    int end = Scan.indexOf(a, 0, n, HTTP_END);
    if (end < 0) {
      if (n > 16 * 1024) fail(ctx, "handshake response too long");
      return false;
    }
    String head = new String(a, 0, end, StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.1 101")) {
      fail(ctx, "handshake refused: " + head.lines().findFirst().orElse(""));
      return false;
    }
    cum.skipBytes(end + 4);
    upgraded = true;
    openedNanos = System.nanoTime();
    opened.complete(this);
    return true;
  }

  private void fail(ChannelHandlerContext ctx, String why) {
    opened.completeExceptionally(new IllegalStateException(why));
    ctx.close();
  }

  private void parseFrames(ChannelHandlerContext ctx, long now) {
    ByteBuf b = cum;
    while (b != null && b.readableBytes() >= 2) {
      int r = b.readerIndex();
      int b0 = b.getUnsignedByte(r);
      int b1 = b.getUnsignedByte(r + 1);
      boolean masked = (b1 & 0x80) != 0;
      long len = b1 & 0x7f;
      int hdr = 2;
      if (len == 126) {
        if (b.readableBytes() < 4) return;
        len = b.getUnsignedShort(r + 2);
        hdr = 4;
      } else if (len == 127) {
        if (b.readableBytes() < 10) return;
        len = b.getLong(r + 2);
        hdr = 10;
      }
      int maskAt = hdr;
      if (masked) hdr += 4;
      if (len > Integer.MAX_VALUE - 64) {
        ctx.close();
        return;
      }
      if (b.readableBytes() < hdr + len) return;
      int n = (int) len;
      int opcode = b0 & 0x0f;
      boolean fin = (b0 & 0x80) != 0;
      byte[] a = scratch(n);
      b.getBytes(r + hdr, a, 0, n);
      if (masked) {
        byte[] k = new byte[4];
        b.getBytes(r + maskAt, k);
        for (int i = 0; i < n; i++) a[i] ^= k[i & 3];
      }
      b.skipBytes(hdr + n);
      switch (opcode) {
        case 0x1:
          if (fin) text(a, n, now);
          else {
            fragments = ctx.alloc().heapBuffer();
            fragments.writeBytes(a, 0, n);
          }
          break;
        case 0x0:
          if (fragments != null) {
            fragments.writeBytes(a, 0, n);
            if (fin) {
              int m = fragments.readableBytes();
              byte[] f = new byte[m];
              fragments.readBytes(f);
              fragments.release();
              fragments = null;
              text(f, m, now);
            }
          }
          break;
        case 0x8: // close: answer and hang up
          ByteBuf close = ctx.alloc().buffer(6).writeByte(0x88).writeByte(0x80).writeInt(0);
          ctx.writeAndFlush(close).addListener(f -> ctx.close());
          return;
        case 0x9:
          { // ping -> pong with the same payload
            ByteBuf pong =
                ctx.alloc()
                    .buffer(6 + n)
                    .writeByte(0x8A)
                    .writeByte(0x80 | n)
                    .writeInt(0)
                    .writeBytes(a, 0, n);
            ctx.writeAndFlush(pong, ctx.voidPromise());
            break;
          }
        default: // pong, binary: ignore
          break;
      }
      b = cum;
    }
  }

  private void text(byte[] a, int n, long now) {
    textFrames++;
    if (waitFuture != null)
      lastWhileWaiting = new String(a, 0, Math.min(n, 160), StandardCharsets.UTF_8);
    if (waitFuture != null && matchesWait(a, n)) {
      CompletableFuture<String> f = waitFuture;
      waitFuture = null;
      waitRef = null;
      f.complete(new String(a, 0, n, StandardCharsets.UTF_8));
      return;
    }
    listener.onText(this, a, 0, n, now);
  }

  private boolean matchesWait(byte[] a, int n) {
    if (waitWelcome && Scan.indexOf(a, 0, n, WELCOME) >= 0) return true;
    if (waitRef == null) return false;
    int i = Scan.indexOf(a, 0, n, REF);
    if (i < 0) return false;
    i += REF.length;
    while (i < n && a[i] == ' ') i++;
    return i < n && a[i] == '"' && Scan.valueIs(a, i + 1, n, waitRef);
  }

  private static final byte[] REF = Scan.ascii("\"ref\":");
  private static final byte[] WELCOME = Scan.ascii("\"welcome\"");

  private static byte[] scratch(int n) {
    byte[][] s = SCRATCH.get();
    if (s[0].length < n) s[0] = new byte[Math.max(n, s[0].length * 2)];
    return s[0];
  }

  /**
   * Sends a frame and completes with the first frame whose "ref" equals {@code ref} (or, for a
   * hello, the welcome or an error carrying the ref). Thread-safe: hops to the loop.
   */
  CompletableFuture<String> request(String frame, String ref, boolean hello) {
    CompletableFuture<String> f = new CompletableFuture<>();
    ch.eventLoop()
        .execute(
            () -> {
              if (!ch.isActive()) { // closed already: nothing would ever answer
                f.completeExceptionally(new IllegalStateException("closed"));
                return;
              }
              waitRef = Scan.ascii(ref);
              waitWelcome = hello;
              waitFuture = f;
              send(frame, true);
            });
    return f;
  }

  /** Writes one text frame; call on the event loop (or accept Netty's hop). ASCII/UTF-8. */
  void send(CharSequence s, boolean flush) {
    if (ch == null || !ch.isActive()) return;
    int n = ByteBufUtil.utf8Bytes(s);
    int hdr = n < 126 ? 6 : n < 65536 ? 8 : 14;
    ByteBuf b = ch.alloc().directBuffer(hdr + n);
    b.writeByte(0x81);
    if (n < 126) b.writeByte(0x80 | n);
    else if (n < 65536) {
      b.writeByte(0x80 | 126);
      b.writeShort(n);
    } else {
      b.writeByte(0x80 | 127);
      b.writeLong(n);
    }
    b.writeInt(0);
    ByteBufUtil.writeUtf8(b, s);
    if (flush) ch.writeAndFlush(b, ch.voidPromise());
    else ch.write(b, ch.voidPromise());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (cum != null) {
      cum.release();
      cum = null;
    }
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
    opened.completeExceptionally(new IllegalStateException("closed before upgrade"));
    if (waitFuture != null) waitFuture.completeExceptionally(new IllegalStateException("closed"));
    closed.complete(this);
    listener.onClose(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    opened.completeExceptionally(cause);
    ctx.close();
  }

  /** Close at once with a RST (SO_LINGER 0): no TIME_WAIT on the client's ports. */
  void abort() {
    if (ch != null) ch.close();
  }

  boolean isOpen() {
    return ch != null && ch.isActive();
  }
}

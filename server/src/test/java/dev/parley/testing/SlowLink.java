package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A slow network between a browser and a real server, made of TCP: every byte crosses a link of a
 * given bandwidth each way (shared by all connections, as one phone's link is) and arrives a given
 * time after it left. Chromium's own throttling (DevTools network emulation) stalled a page load
 * for a whole minute twice in CI with nothing asked of the server; a relay is the network the
 * server really sees, and a stall in it would be ours to read.
 *
 * <p>Each direction of each connection has a reader thread (takes bytes as they come, stamps when
 * the link will have delivered them) and a writer thread (hands them on at that time), so the
 * latency is paid once per burst, not once per chunk. The link's clocks are guarded by {@code
 * this}.
 */
public final class SlowLink implements AutoCloseable {

  /** Bytes a chunk may carry: small enough that connections share the link fairly. */
  private static final int CHUNK = 4096;

  private record Chunk(long dueNanos, byte[] bytes) {}

  private static final Chunk END = new Chunk(0, new byte[0]);

  private final ServerSocket listener;
  private final int targetPort;
  private final long oneWayNanos;
  private final double nanosPerByte;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** When each direction's link is free again: [0] towards the server, [1] towards the client. */
  private final long[] freeAt = new long[2];

  private SlowLink(int targetPort, long oneWayMillis, double bytesPerSecond) throws IOException {
    this.targetPort = targetPort;
    this.oneWayNanos = TimeUnit.MILLISECONDS.toNanos(oneWayMillis);
    this.nanosPerByte = 1e9 / bytesPerSecond;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "slow-link-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * A link to {@code 127.0.0.1:targetPort} with this round trip (half each way) and this bandwidth
   * in each direction.
   */
  public static SlowLink to(int targetPort, long roundTripMillis, double bytesPerSecond)
      throws IOException {
    return new SlowLink(targetPort, roundTripMillis / 2, bytesPerSecond);
  }

  /** The port to connect to instead of the server's. */
  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        relay(client, server, 0);
        relay(server, client, 1);
      }
    } catch (IOException closed) {
      // the link was closed
    }
  }

  private void relay(Socket from, Socket to, int direction) {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    start(
        "slow-link-read",
        () -> {
          byte[] buf = new byte[CHUNK];
          try (InputStream in = from.getInputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
              queue.add(new Chunk(due(direction, n), Arrays.copyOf(buf, n)));
            }
          } catch (IOException gone) {
            // this side went away
          }
          queue.add(END);
        });
    start(
        "slow-link-write",
        () -> {
          try (OutputStream out = to.getOutputStream()) {
            for (Chunk c = queue.take(); c != END; c = queue.take()) {
              for (long wait = c.dueNanos() - System.nanoTime();
                  wait > 0;
                  wait = c.dueNanos() - System.nanoTime()) {
                LockSupport.parkNanos(wait);
              }
              out.write(c.bytes());
              out.flush();
            }
            to.shutdownOutput();
          } catch (IOException | InterruptedException gone) {
            // the other side went away
          }
        });
  }

  /** When {@code n} bytes that left now have crossed the link in {@code direction}. */
  private synchronized long due(int direction, int n) {
    long now = System.nanoTime();
    long start = Math.max(now, freeAt[direction]);
    freeAt[direction] = start + (long) (n * nanosPerByte);
    return freeAt[direction] + oneWayNanos;
  }

  private static void start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) s.close();
  }
}

package dev.parley.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A TCP relay to a real server whose answers can be held back ({@link #freeze}) or slowed ({@link
 * #delay}): a Redis that is there but does not answer, or answers late, without touching the
 * machine's Redis that other tests share. {@link #pause} holds both directions: a node behind it
 * that froze (a long pause, a partition) says nothing to Redis and hears nothing, until {@link
 * #resume} lets everything held through, in order. As an extension it closes after the test class
 * (register it before the nodes that use it).
 */
final class FreezableProxy implements AutoCloseable, AfterAllCallback {
  private final ServerSocket listener;
  private final String host;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private boolean frozen;
  private boolean paused;
  private volatile long delayMillis;

  private FreezableProxy(String host, int targetPort) throws IOException {
    this.host = host;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  static FreezableProxy to(String host, int port) throws IOException {
    return new FreezableProxy(host, port);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** From now on nothing the server sends reaches the client (it is held, not lost). */
  void freeze() {
    synchronized (lock) {
      frozen = true;
    }
  }

  /** From now on nothing passes either way (it is held, not lost) until {@link #resume}. */
  void pause() {
    synchronized (lock) {
      paused = true;
    }
  }

  /** Lets through, in order, what {@link #pause} held, and everything after it. */
  void resume() {
    synchronized (lock) {
      paused = false;
      lock.notifyAll();
    }
  }

  /** The relay's address as a Redis URL. */
  String redisUrl() {
    return "redis://127.0.0.1:" + port();
  }

  /**
   * From now on every answer of the server is held this long before it is passed on (a slow Redis).
   */
  void delay(long millis) {
    delayMillis = millis;
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket server = new Socket(host, targetPort);
        sockets.add(client);
        sockets.add(server);
        pump(client, server, false);
        pump(server, client, true);
      }
    } catch (IOException closed) {
      // closed
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                  synchronized (lock) {
                    while (paused || (answers && frozen)) lock.wait();
                  }
                  if (answers && delayMillis > 0) Thread.sleep(delayMillis);
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException closed) {
                // one side went away
              }
            },
            "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) s.close();
  }
}

package dev.parley.testing;

import static dev.parley.testing.Json.obj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WebSocket client for tests, on the JDK's {@link WebSocket}. It keeps every frame the server
 * sent, parsed as JSON, in arrival order; the {@code await...} methods wait (briefly) for one that
 * matches. Replies are correlated by {@code ref}, which {@link #request} fills in.
 *
 * <p>Frames that are not JSON are kept as {@code {"type":"<unparseable>","raw":...}} and binary
 * frames as {@code {"type":"<binary>"}}, so a test can notice the server sending them.
 */
public final class TestClient implements AutoCloseable {

  /** How long an await waits by default: generous for a loaded machine, short for a failure. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final Duration POLL = Duration.ofMillis(5);
  private static final AtomicLong REFS = new AtomicLong();
  private static final AtomicLong IDS = new AtomicLong();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String label;
  private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final Object sendLock = new Object();
  private volatile WebSocket ws;
  private volatile String closeReason;
  private volatile JsonNode welcome;

  private TestClient(String label) {
    this.label = label;
  }

  /** Opens a WebSocket to {@code uri} (no {@code hello} yet). */
  public static TestClient connect(URI uri) {
    return connect(uri, Map.of());
  }

  /** Opens a WebSocket with extra handshake headers (such as {@code Origin}). */
  public static TestClient connect(URI uri, Map<String, String> headers) {
    TestClient client = new TestClient(uri.toString());
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
    headers.forEach(builder::header);
    try {
      client.ws =
          builder
              .buildAsync(uri, client.new Listener())
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new HandshakeRefused(statusOf(e.getCause()), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("could not connect to " + uri, e);
    }
    return client;
  }

  /**
   * The HTTP status of a WebSocket handshake to {@code uri}: 101 when accepted (the socket is
   * closed again at once), otherwise the refusal's status.
   */
  public static int handshakeStatus(URI uri, Map<String, String> headers) {
    try (TestClient c = connect(uri, headers)) {
      return 101;
    } catch (HandshakeRefused e) {
      return e.status();
    }
  }

  private static int statusOf(Throwable cause) {
    if (cause instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
    return -1;
  }

  /**
   * The handshake did not end in 101; {@link #status()} is the HTTP status, or -1 with no response.
   */
  public static final class HandshakeRefused extends RuntimeException {
    private final int status;

    HandshakeRefused(int status, Throwable cause) {
      super("WebSocket handshake refused with status " + status, cause);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  // ---------------------------------------------------------------- sending

  /** Sends one text frame as is. */
  public void sendRaw(String text) {
    synchronized (sendLock) {
      try {
        ws.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | InterruptedException | TimeoutException e) {
        throw new UncheckedIOException(
            new IOException(label + ": could not send: " + e.getMessage(), e));
      }
    }
  }

  /** Sends one text frame; false if the connection would not take it (closed under us). */
  public boolean trySendRaw(String text) {
    try {
      sendRaw(text);
      return true;
    } catch (UncheckedIOException | IllegalStateException e) {
      return false;
    }
  }

  public void sendBinary(byte[] bytes) {
    synchronized (sendLock) {
      try {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | InterruptedException | TimeoutException e) {
        throw new UncheckedIOException(
            new IOException(label + ": could not send: " + e.getMessage(), e));
      }
    }
  }

  /** Sends a frame as it is (no {@code ref} added). */
  public void send(JsonNode frame) {
    sendRaw(Json.write(frame));
  }

  /** Sends a frame with a fresh {@code ref} (unless it has one) and returns the ref. */
  public String request(ObjectNode frame) {
    if (!frame.has("ref")) frame.put("ref", "r" + REFS.incrementAndGet());
    send(frame);
    return frame.get("ref").asString();
  }

  /** Sends a frame and waits for the first reply carrying its ref, of whatever type. */
  public JsonNode call(ObjectNode frame) {
    return awaitRef(request(frame));
  }

  /** Sends a frame and returns its {@code ok} reply; fails on anything else. */
  public JsonNode ok(ObjectNode frame) {
    JsonNode reply = call(frame);
    if (!"ok".equals(reply.path("type").asString())) {
      throw new AssertionError(label + ": expected ok for " + frame + " but got " + reply);
    }
    return reply;
  }

  /** Sends a frame and returns its {@code error} reply; fails on anything else. */
  public JsonNode error(ObjectNode frame) {
    JsonNode reply = call(frame);
    if (!"error".equals(reply.path("type").asString())) {
      throw new AssertionError(label + ": expected an error for " + frame + " but got " + reply);
    }
    return reply;
  }

  // ---------------------------------------------------------------- the chat, in a few words

  /** Says hello as a new user; returns the {@code welcome}. */
  public JsonNode hello(String nick) {
    return welcomed(obj("type", "hello", "nick", nick));
  }

  /** Says hello with a token (resuming that user); returns the {@code welcome}. */
  public JsonNode resume(String token) {
    return welcomed(obj("type", "hello", "token", token));
  }

  /** Says hello with a token and a nick (resuming that user, perhaps renamed). */
  public JsonNode resume(String token, String nick) {
    return welcomed(obj("type", "hello", "token", token, "nick", nick));
  }

  /** Sends this {@code hello} frame and requires a {@code welcome}. */
  public JsonNode welcomed(ObjectNode hello) {
    JsonNode reply = call(hello);
    if (!"welcome".equals(reply.path("type").asString())) {
      throw new AssertionError(label + ": expected welcome for " + hello + " but got " + reply);
    }
    welcome = reply;
    return reply;
  }

  public JsonNode welcome() {
    return welcome;
  }

  public String id() {
    return welcome.path("user").path("id").asString();
  }

  public String nick() {
    return welcome.path("user").path("nick").asString();
  }

  public String token() {
    return welcome.path("token").asString();
  }

  /** The welcome's entry for {@code room}, or null. */
  public JsonNode welcomeRoom(String room) {
    return Json.find(welcome.path("rooms"), "name", room);
  }

  public JsonNode create(String room) {
    return ok(obj("type", "create", "room", room));
  }

  public JsonNode join(String room) {
    return ok(obj("type", "join", "room", room));
  }

  public JsonNode leave(String room) {
    return ok(obj("type", "leave", "room", room));
  }

  /** A client message id no other send in this JVM has used. */
  public static String newId() {
    return "m" + IDS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  /** Sends {@code text} to {@code room} and returns the {@code message} this client gets back. */
  public JsonNode say(String room, String text) {
    String id = newId();
    send(obj("type", "send", "room", room, "id", id, "text", text));
    return awaitMessage(room, id);
  }

  /** Sends a message without waiting for it; returns its client id. */
  public String sayAsync(String room, String text) {
    String id = newId();
    send(obj("type", "send", "room", room, "id", id, "text", text));
    return id;
  }

  /** Waits for the {@code message} with this client id in this room. */
  public JsonNode awaitMessage(String room, String id) {
    return await(
        "message",
        m -> room.equals(m.path("room").asString()) && id.equals(m.path("id").asString()));
  }

  /** Asks for history; extra fields as name/value pairs ({@code "after", 3, "limit", 10}). */
  public JsonNode history(String room, Object... fields) {
    ObjectNode frame = obj("type", "history", "room", room);
    frame.setAll(obj(fields));
    JsonNode reply = call(frame);
    if (!"history".equals(reply.path("type").asString())) {
      throw new AssertionError(label + ": expected history for " + frame + " but got " + reply);
    }
    return reply;
  }

  public JsonNode ping() {
    JsonNode reply = call(obj("type", "ping"));
    if (!"pong".equals(reply.path("type").asString())) {
      throw new AssertionError(label + ": expected pong but got " + reply);
    }
    return reply;
  }

  /**
   * A barrier through a room's log: sends a message to {@code room} and waits until it comes back.
   * Anything the server meant for this connection before that message (fan-out of earlier events,
   * typing, presence) has then arrived, so an absence can be asserted without sleeping. Returns the
   * marker's seq.
   */
  public long roundTrip(String room) {
    return say(room, "(barrier)").path("seq").asLong();
  }

  // ---------------------------------------------------------------- receiving

  /** Every frame received so far, in order. */
  public List<JsonNode> frames() {
    return List.copyOf(frames);
  }

  public List<JsonNode> frames(String type) {
    return frames(type, f -> true);
  }

  public List<JsonNode> frames(String type, Predicate<JsonNode> p) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : frames) {
      if (type.equals(f.path("type").asString()) && p.test(f)) out.add(f);
    }
    return out;
  }

  /** Forgets what was received so far (a later await only sees newer frames). */
  public void clear() {
    frames.clear();
  }

  public JsonNode await(String type) {
    return await(type, f -> true);
  }

  public JsonNode await(String type, Predicate<JsonNode> p) {
    return await(type, p, TIMEOUT);
  }

  /** The first frame so far of this type that matches; waits for one if none yet. */
  public JsonNode await(String type, Predicate<JsonNode> p, Duration timeout) {
    return awaitCount(type, p, 1, timeout).get(0);
  }

  /** The first frame carrying this ref. */
  public JsonNode awaitRef(String ref) {
    List<JsonNode> found =
        awaitMatching(
            "reply with ref " + ref, f -> ref.equals(f.path("ref").asString(null)), 1, TIMEOUT);
    return found.get(0);
  }

  /** The first frame of any type that matches; waits for one if none yet. */
  public JsonNode awaitFrame(Predicate<JsonNode> p) {
    return awaitMatching("a frame matching", p, 1, TIMEOUT).get(0);
  }

  /** Waits until at least {@code n} frames of this type match and returns all that do. */
  public List<JsonNode> awaitCount(String type, Predicate<JsonNode> p, int n, Duration timeout) {
    return awaitMatching(
        n + " '" + type + "' frame(s) matching",
        f -> type.equals(f.path("type").asString()) && p.test(f),
        n,
        timeout);
  }

  private List<JsonNode> awaitMatching(
      String what, Predicate<JsonNode> p, int n, Duration timeout) {
    try {
      return Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(
              () -> {
                boolean wasClosed = closed.isDone();
                List<JsonNode> found = new ArrayList<>();
                for (JsonNode f : frames) {
                  if (p.test(f)) found.add(f);
                }
                if (found.size() < n && wasClosed) {
                  throw new AssertionError(
                      label
                          + ": closed ("
                          + closeDescription()
                          + ") before "
                          + what
                          + " arrived; received: "
                          + dump());
                }
                return found;
              },
              found -> found.size() >= n);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          label + ": no " + what + " within " + timeout + "; received: " + dump());
    }
  }

  private String dump() {
    List<JsonNode> all = frames();
    List<JsonNode> tail = all.subList(Math.max(0, all.size() - 30), all.size());
    StringBuilder sb = new StringBuilder();
    if (tail.size() < all.size())
      sb.append("(").append(all.size() - tail.size()).append(" earlier frames) ");
    for (JsonNode f : tail) {
      String s = f.toString();
      sb.append("\n  ").append(s.length() > 300 ? s.substring(0, 300) + "..." : s);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- closing

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Waits for the server to close the connection and returns the close code (1006 if dropped). */
  public int closeCode() {
    return closeCode(TIMEOUT);
  }

  public int closeCode(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(label + ": still open after " + timeout + "; received: " + dump());
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public String closeReason() {
    return closeReason;
  }

  private String closeDescription() {
    Integer code = closed.getNow(null);
    return "code "
        + code
        + (closeReason == null || closeReason.isEmpty() ? "" : ", reason '" + closeReason + "'");
  }

  /** Drops the TCP connection without a closing handshake, as a crashed client would. */
  public void drop() {
    if (ws != null) ws.abort();
    closed.complete(1006);
  }

  /** Closes cleanly (1000) and waits briefly for the server's answer. */
  @Override
  public void close() {
    if (ws == null || closed.isDone()) {
      if (ws != null) ws.abort();
      return;
    }
    try {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      closed.get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the server may have gone already; abort below ends it either way
    } finally {
      ws.abort();
    }
  }

  @Override
  public String toString() {
    return "TestClient[" + label + (welcome != null ? " " + nick() : "") + "]";
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        JsonNode node;
        try {
          node = Json.parse(text);
        } catch (RuntimeException e) {
          node = obj("type", "<unparseable>", "raw", text);
        }
        frames.add(Objects.requireNonNull(node));
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (last) frames.add(obj("type", "<binary>"));
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason = reason;
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeReason = String.valueOf(error);
      closed.complete(1006);
    }
  }
}

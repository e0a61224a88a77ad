package dev.parley.push;

import com.zerodeplibs.webpush.PushSubscription;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.httpclient.StandardHttpClientRequestPreparer;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import dev.parley.domain.PushBook;
import dev.parley.domain.PushDevice;
import dev.parley.domain.PushNote;
import dev.parley.domain.Pusher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web Push (RFC 8030) with encrypted payloads (RFC 8291, aes128gcm) and VAPID (RFC 8292), through
 * zerodep-web-push-java: the {@link Pusher} of the domain. The VAPID key pair is the store's
 * ({@link PushBook#keys}), made at the first start, so every node signs with the same one and a
 * device's subscription (made with its public key) works whichever node pushes.
 *
 * <p>All the work runs on a bounded pool ({@value #THREADS} threads, {@value #QUEUE} tasks queued;
 * past that a push is dropped and counted), never on an event loop or the store's writer; a user's
 * pushes run in order, in their own {@link PushLanes lane}, and a retry gives way to a newer push
 * for the same room and device. A push service that answers 429 or 5xx, or cannot be reached, is
 * asked again after a back-off ({@link #backOff}, doubled each time, or its Retry-After up to a
 * minute), at most {@value #ATTEMPTS} times in all; one that answers 404 or 410 says the
 * subscription is gone, and it is dropped. Before each attempt the endpoint's addresses are checked
 * ({@link PushEndpoints#check}): one that resolves inside the server's network is dropped too.
 */
public final class WebPush implements Pusher, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebPush.class);

  static final int THREADS = 2;
  static final int QUEUE = 1_000;
  static final int ATTEMPTS = 4;

  /** How long a push service keeps a message for an offline device. */
  private static final long TTL_SECONDS = 24 * 60 * 60;

  private final PushBook book;
  private final String subject;
  private final PushEndpoints endpoints;
  private final Predicate<String> visibleElsewhere;
  private final Function<PushNote, byte[]> encoder;
  private final Duration backOff;
  private final VAPIDKeyPair keys;
  private final HttpClient http;
  private final ThreadPoolExecutor pool;
  private final PushLanes lanes;
  private final ScheduledExecutorService retries;

  /**
   * A device's room ("endpoint room") to the newest push for it being tried; a retry that finds a
   * newer one here gives up, as the push service would let the newer one replace it (its Topic).
   */
  private final Map<String, Long> newest = new ConcurrentHashMap<>();

  private final AtomicLong pushes = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param subject the VAPID {@code sub}: a {@code mailto:} or {@code https:} contact for push
   *     services
   * @param endpoints where pushes may go: public push services, and the operator's inside addresses
   *     ({@code --push-internal})
   * @param visibleElsewhere whether the user has a visible tab on another node (the cluster's
   *     presence); {@code u -> false} on a node of its own
   */
  public static WebPush start(
      PushBook book,
      String subject,
      PushEndpoints endpoints,
      Predicate<String> visibleElsewhere,
      Function<PushNote, byte[]> encoder)
      throws IOException {
    return new WebPush(book, subject, endpoints, visibleElsewhere, encoder, Duration.ofSeconds(2));
  }

  /**
   * @param endpoints which endpoints may be used: tests add their own loopback service
   * @param encoder the payload of a note, before encryption (the JSON of {@code PushJson})
   * @param backOff the first wait before a retry
   */
  WebPush(
      PushBook book,
      String subject,
      PushEndpoints endpoints,
      Predicate<String> visibleElsewhere,
      Function<PushNote, byte[]> encoder,
      Duration backOff)
      throws IOException {
    this.book = book;
    this.subject = subject;
    this.endpoints = endpoints;
    this.visibleElsewhere = visibleElsewhere;
    this.encoder = encoder;
    this.backOff = backOff;
    PushBook.Keys stored = book.keys(WebPush::newKeys);
    this.keys =
        VAPIDKeyPairs.of(
            PrivateKeySources.ofPKCS8Bytes(stored.privateKey()),
            PublicKeySources.ofX509Bytes(stored.publicKey()));
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "parley-push");
              t.setDaemon(true);
              return t;
            });
    this.lanes = new PushLanes(pool, QUEUE);
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-push-retry");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(); // its own executor: one of ours waiting in send() must not starve it
  }

  private static PushBook.Keys newKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = g.generateKeyPair();
      return new PushBook.Keys(pair.getPublic().getEncoded(), pair.getPrivate().getEncoded());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("no P-256 key pair generator", e);
    }
  }

  @Override
  public String publicKey() {
    return keys.extractPublicKeyInUncompressedFormAsString();
  }

  @Override
  public boolean allows(URI endpoint) {
    return endpoints.allows(endpoint);
  }

  /** Pushes given up for a full queue, since the start. */
  public long dropped() {
    return dropped.get() + lanes.lost();
  }

  /** Nothing queued or running on the pool now (retries waiting for their time aside). */
  public boolean idle() {
    return lanes.idle() && pool.getQueue().isEmpty() && pool.getActiveCount() == 0;
  }

  /** Pushes a push service accepted, since the start. */
  public long sent() {
    return sent.get();
  }

  /** Subscriptions dropped because their endpoint resolved to an address not allowed. */
  public long refused() {
    return refused.get();
  }

  @Override
  public void push(String userId, PushNote note) {
    inLane(
        userId,
        () -> {
          if (visibleElsewhere.test(userId)) return;
          byte[] payload = encoder.apply(note);
          for (PushDevice device : book.devices(userId)) {
            Attempt first = new Attempt(userId, device, note.room(), pushes.incrementAndGet());
            newest.put(first.key(), first.number());
            send(first, payload, 1);
          }
        });
  }

  @Override
  public CompletableFuture<Boolean> subscribe(String userId, PushDevice device, int max) {
    return call(() -> book.add(userId, device, max, System.currentTimeMillis()));
  }

  @Override
  public CompletableFuture<Boolean> unsubscribe(String userId, String endpoint) {
    return call(() -> book.remove(userId, endpoint));
  }

  private interface Work {
    void run() throws IOException;
  }

  private interface Call<T> {
    T call() throws IOException;
  }

  /** One push of a note to one device, numbered so that a newer one for its room supersedes it. */
  private record Attempt(String userId, PushDevice device, String room, long number) {
    String key() {
      return device.endpoint() + ' ' + room;
    }
  }

  /** Runs {@code work} in the user's lane: after their earlier pushes, in order. */
  private boolean inLane(String userId, Work work) {
    try {
      lanes.execute(userId, () -> logged(work));
      return true;
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
      return false;
    }
  }

  private static void logged(Work work) {
    try {
      work.run();
    } catch (IOException | RuntimeException e) {
      LOG.warn("a push failed", e);
    }
  }

  private <T> CompletableFuture<T> call(Call<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    try {
      pool.execute(
          () -> {
            try {
              done.complete(work.call());
            } catch (IOException | RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /**
   * One attempt, in the user's lane; a later one is scheduled for a passing failure, unless a newer
   * push for the room has been tried meanwhile.
   */
  private void send(Attempt push, byte[] payload, int attempt) {
    Long latest = newest.get(push.key());
    if (latest == null || latest != push.number()) return; // a newer push replaced this one
    boolean again = false;
    try {
      again = tried(push, payload, attempt);
    } finally {
      if (!again) newest.remove(push.key(), push.number());
    }
  }

  /** Tries once; whether another attempt was scheduled for later. */
  private boolean tried(Attempt push, byte[] payload, int attempt) {
    PushDevice device = push.device();
    long retryAfter = -1;
    try {
      try {
        endpoints.check(URI.create(device.endpoint()));
      } catch (PushEndpoints.Refused e) {
        refused.incrementAndGet();
        LOG.info("push subscription dropped: its endpoint {}", e.getMessage());
        book.drop(device.endpoint()); // should this fail, the next attempt refuses it again
        return false;
      }
      HttpRequest request = request(device, push.room(), payload);
      HttpResponse<Void> res = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = res.statusCode();
      if (status >= 200 && status < 300) {
        sent.incrementAndGet();
        return false;
      }
      if (status == 404 || status == 410) {
        book.drop(device.endpoint());
        LOG.debug("push subscription gone ({}): dropped", status);
        return false;
      }
      if (status != 429 && status < 500) {
        LOG.warn("push service refused a push: {}", status);
        return false;
      }
      retryAfter = res.headers().firstValueAsLong("retry-after").orElse(-1);
    } catch (IOException e) {
      LOG.debug("push service unreachable: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      LOG.warn("could not make a push", e);
      return false;
    }
    if (attempt >= ATTEMPTS) {
      LOG.info("push given up after {} attempts", attempt);
      return false;
    }
    long wait = backOff.toMillis() << (attempt - 1);
    if (retryAfter >= 0) wait = Math.min(Math.max(wait, retryAfter * 1000), 60_000);
    retries.schedule(
        () -> {
          if (!inLane(push.userId(), () -> send(push, payload, attempt + 1)))
            newest.remove(push.key(), push.number());
        },
        wait,
        TimeUnit.MILLISECONDS);
    return true;
  }

  private HttpRequest request(PushDevice device, String room, byte[] payload) {
    PushSubscription sub = new PushSubscription();
    sub.setEndpoint(device.endpoint());
    PushSubscription.Keys k = new PushSubscription.Keys();
    k.setP256dh(device.p256dh());
    k.setAuth(device.auth());
    sub.setKeys(k);
    return StandardHttpClientRequestPreparer.getBuilder()
        .pushSubscription(sub)
        .vapidJWTExpiresAfter(12, TimeUnit.HOURS)
        .vapidJWTSubject(subject)
        .pushMessage(payload)
        .ttl(TTL_SECONDS, TimeUnit.SECONDS)
        .urgencyHigh()
        .topic(PushTopic.topic(room))
        .build(keys)
        .toRequestBuilder()
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void close() {
    retries.shutdownNow();
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.parley.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during or right after which Netty reported a leaked buffer. The leak detector runs
 * in paranoid mode in every test JVM, but on its own it only logs, and a log line fails nothing;
 * this turns each report into a failure of the test that was running.
 *
 * <p>How: every leak detector Netty creates comes from a factory installed here (before the first
 * buffer class is initialised: JUnit loads this extension before it runs any test), and hands its
 * reports to this class as well as to the log. Netty learns of a leak only when the garbage
 * collector has found the buffer unreachable and a later allocation looks, so after each test this
 * forces a collection, waits for the reference queues to be filled, and allocates a buffer;
 * whatever was reported by then fails that test (in {@code afterEach}), and what a class's teardown
 * (its server stopping) leaked fails the class (in {@code afterAll}).
 *
 * <p>Registered for every test class by {@code META-INF/services} and {@code
 * junit-platform.properties} (autodetection): no class opts in, none can opt out. Netty reports a
 * leak once per distinct trace, so the same leak from the same code fails only the first test that
 * shows it; the run still fails.
 */
public final class LeakCheck implements AfterEachCallback, AfterAllCallback {
  /**
   * Collections forced after a test. One finds every buffer that became unreachable (a garbage
   * object holding another is garbage in the same collection); each costs about 50 ms with a server
   * in the JVM, so more would cost the suite a minute for nothing.
   */
  private static final int COLLECTIONS = 1;

  /** How long to wait for the collector to queue what it found. */
  private static final long ENQUEUE_WAIT_MILLIS = 1_000;

  private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();

  /** The resource types whose detector came from this factory. */
  private static final Set<String> WATCHED = ConcurrentHashMap.newKeySet();

  static {
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(
          ResourceLeakDetector.Level.PARANOID); // as the build sets it, for a run from an IDE
    }
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new Reporting(ResourceLeakDetectorFactory.instance()));
    ByteBufAllocator.DEFAULT
        .buffer(1)
        .release(); // creates the buffers' detector now, from the factory above
    if (!WATCHED.contains(ByteBuf.class.getName())) {
      throw new IllegalStateException(
          "LeakCheck came too late: Netty's buffer leak detector was created before it was"
              + " installed, so leaks would not fail tests");
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    failOnLeaks("during or right after " + context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failOnLeaks("while " + context.getDisplayName() + " shut down");
  }

  private static void failOnLeaks(String when) {
    List<String> leaks = reported();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "Netty reported "
              + leaks.size()
              + " leaked buffer(s) "
              + when
              + " (whoever takes a buffer releases it):\n"
              + String.join("\n", leaks));
    }
  }

  /**
   * Collects the garbage, lets Netty look for leaks, and returns (and forgets) what was reported
   * since the last call.
   */
  static List<String> reported() {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    for (int i = 0; i < COLLECTIONS; i++) {
      WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
      System.gc();
      try {
        // the collector's references are queued in order: once the canary's is, the buffers' are
        // too
        queue.remove(ENQUEUE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      canary.clear();
      ByteBufAllocator.DEFAULT
          .buffer(1)
          .release(); // a tracked allocation: the detector reports what was queued
    }
    List<String> out = new ArrayList<>();
    for (String r; (r = REPORTS.poll()) != null; ) out.add(r);
    return out;
  }

  /** Netty's own factory, with every detector it makes also reporting here. */
  private static final class Reporting extends ResourceLeakDetectorFactory {
    private final ResourceLeakDetectorFactory netty;

    Reporting(ResourceLeakDetectorFactory netty) {
      this.netty = netty;
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval) {
      return watched(resource, netty.newResourceLeakDetector(resource, samplingInterval));
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      return watched(
          resource, netty.newResourceLeakDetector(resource, samplingInterval, maxActive));
    }

    private static <T> ResourceLeakDetector<T> watched(
        Class<T> resource, ResourceLeakDetector<T> detector) {
      detector.setLeakListener((type, records) -> REPORTS.add("LEAK of a " + type + ":" + records));
      WATCHED.add(resource.getName());
      return detector;
    }
  }
}

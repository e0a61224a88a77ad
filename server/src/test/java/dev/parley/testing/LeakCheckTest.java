package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link LeakCheck} at work: a test class that does not ask for it, with one test that leaks a
 * buffer and one that does not, run through a JUnit launcher configured only by the project's
 * {@code junit-platform.properties} (as surefire runs every class), ends with the leaking test
 * failed, naming the leak, and the other passed.
 */
class LeakCheckTest {
  /** Set only while this test runs the fixture: run any other way, the fixture does nothing. */
  private static volatile String hint;

  @Test
  void aTestThatLeaksABufferFailsAndItsNeighbourPasses() {
    String unique =
        "LeakCheckTest " + UUID.randomUUID(); // Netty reports a trace once: this one is new
    hint = unique;
    TestExecutionSummary summary;
    try {
      // no configuration of its own: the launcher reads junit-platform.properties, as surefire's
      // does
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Leaking.class)).build();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      LauncherFactory.create().execute(request, listener);
      summary = listener.getSummary();
    } finally {
      hint = null;
    }
    assertThat(summary.getTestsStartedCount()).as("fixture tests run").isEqualTo(2);
    assertThat(summary.getTestsSucceededCount())
        .as("the test that releases its buffer")
        .isEqualTo(1);
    List<TestExecutionSummary.Failure> failures = summary.getFailures();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).getTestIdentifier().getDisplayName()).isEqualTo("leaksABuffer()");
    assertThat(failures.get(0).getException())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leaked buffer")
        .hasMessageContaining(unique); // the buffer's own trace, touched with the hint
  }

  /** The fixture: not picked up by surefire (a nested class), and inert outside the test above. */
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class Leaking {
    @Test
    @Order(1)
    void leaksABuffer() {
      Assumptions.assumeTrue(hint != null, "run by LeakCheckTest only");
      leak(hint);
    }

    @Test
    @Order(2)
    void releasesItsBuffer() {
      Assumptions.assumeTrue(hint != null, "run by LeakCheckTest only");
      ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(64).touch(hint);
      buf.writeLong(42);
      buf.release();
    }

    /** Takes a buffer and drops it unreleased; nothing refers to it once this returns. */
    private static void leak(String hint) {
      ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(64).touch(hint);
      buf.writeLong(42);
    }
  }
}

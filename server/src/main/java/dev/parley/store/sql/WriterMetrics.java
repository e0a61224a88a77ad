package dev.parley.store.sql;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * What the writer reports on {@code /metrics}: where a message's time goes inside the store ({@code
 * bench/breakdown.sh} reads these), and a queue that grows when the writer falls behind.
 */
final class WriterMetrics {
  private final Timer write;
  private final Timer append;
  private final Timer index;
  private final DistributionSummary batchSize;

  WriterMetrics(MeterRegistry registry, Queue<?> queue) {
    write =
        Timer.builder("parley.store.write")
            .description("Latency of one writer batch, from its first statement to its commit")
            .publishPercentileHistogram()
            .register(registry);
    append =
        Timer.builder("parley.store.append")
            .description(
                "From an append's arrival in the writer's queue to its answer: the wait for the writer and the commit")
            .publishPercentileHistogram()
            .register(registry);
    index =
        Timer.builder("parley.store.search.index")
            .description(
                "One transaction of deferred search entries (SQLite's FTS5 rows), which holds the writer")
            .publishPercentileHistogram()
            .register(registry);
    batchSize =
        DistributionSummary.builder("parley.store.batch.size")
            .description("Ops (appends and changes) written per transaction")
            .baseUnit("ops")
            .register(registry);
    Gauge.builder("parley.store.queue", queue, Queue::size)
        .description("Ops waiting for the writer")
        .register(registry);
  }

  /** The timer each append records its wait and commit on ({@link AppendOp#answer}). */
  Timer append() {
    return append;
  }

  /**
   * One batch took {@code nanos}, first statement to commit (or rollback), with {@code ops} ops.
   */
  void batch(long nanos, int ops) {
    write.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(ops);
  }

  /** One transaction of deferred search rows took {@code nanos}. */
  void indexed(long nanos) {
    index.record(nanos, TimeUnit.NANOSECONDS);
  }
}

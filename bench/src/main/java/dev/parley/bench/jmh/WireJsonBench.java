package dev.parley.bench.jmh;

import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Out;
import dev.parley.domain.Profile;
import dev.parley.json.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's JSON serialiser on the frames of the fan-out: {@link WireJson#encode} runs once per
 * event (whatever the number of recipients), on the thread that fans the event out.
 *
 * <ul>
 *   <li>{@code message}: a live chat message whose encoded frame is about 200 bytes (the text is
 *       padded to that size in setup; the size is printed);
 *   <li>{@code notice}: a live join notice;
 *   <li>{@code history100}: a history page of 100 such messages (the catch-up path).
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/parley-bench.jar org.openjdk.jmh.Main WireJson -f 1 -wi 3 -i
 * 5} (add {@code -prof gc} for bytes allocated per op: {@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireJsonBench {

  /** Encoded size of {@link #message}, bytes of JSON (the WebSocket header adds 2 to 4). */
  public static final int MESSAGE_BYTES = 200;

  private Out.Live message;
  private Out.Live notice;
  private Out.History history;

  @Setup(Level.Trial)
  public void setup() {
    Profile alice = new Profile("u_7Hk2pQ9xLm3Vn8Rt", "alice", "\uD83E\uDD8A");
    message = new Out.Live(messageWithText(alice, 1_234_567L, ""));
    int missing = MESSAGE_BYTES - WireJson.encode(message).length;
    String text =
        "Lunch at noon? The usual place, or the new one by the station "
            .repeat(4)
            .substring(0, Math.max(missing, 1));
    message = new Out.Live(messageWithText(alice, 1_234_567L, text));
    notice =
        new Out.Live(
            new Notice(
                "general",
                1_234_568L,
                1_764_070_000_123L,
                Notice.Kind.JOIN,
                new Profile("u_Qw4Er5Ty6Ui7Op8A", "bob", null)));
    List<Event> events = new ArrayList<>(100);
    for (int i = 0; i < 100; i++) events.add(messageWithText(alice, 1_000 + i, text));
    history = new Out.History("h-42", "general", events, true);
    System.out.printf(
        "%nmessage %d bytes, notice %d bytes, history100 %d bytes%n",
        WireJson.encode(message).length,
        WireJson.encode(notice).length,
        WireJson.encode(history).length);
  }

  private static Message messageWithText(Profile from, long seq, String text) {
    return new Message(
        "general",
        seq,
        "c-9f86d081884c7d65",
        from,
        1_764_070_000_000L + seq,
        text,
        null,
        null,
        false,
        null,
        0,
        List.of());
  }

  @Benchmark
  public byte[] message() {
    return WireJson.encode(message);
  }

  @Benchmark
  public byte[] notice() {
    return WireJson.encode(notice);
  }

  @Benchmark
  public byte[] history100() {
    return WireJson.encode(history);
  }
}

package dev.parley.bus;

import dev.parley.domain.Audience;
import dev.parley.domain.Bus;
import dev.parley.domain.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The embedded bus: one process, so publishing is encoding once and delivering locally (its {@link
 * dev.parley.domain.Cluster} is {@link dev.parley.domain.Cluster#ALONE}).
 */
public final class LocalBus implements Bus {

  private final Function<Out, byte[]> encoder;
  private final Sink sink;

  public LocalBus(Function<Out, byte[]> encoder, Sink sink) {
    this.encoder = encoder;
    this.sink = sink;
  }

  @Override
  public void publish(Audience to, Out frame) {
    sink.deliver(to, encoder.apply(frame));
  }

  @Override
  public void publishCoalesced(Audience to, List<Out> frames) {
    deliverCoalesced(encoder, sink, to, frames);
  }

  @Override
  public void publishPresence(List<Out> frames) {
    deliverCoalesced(encoder, sink, Audience.everyone(), frames);
  }

  /**
   * Gathered frames to this process's sockets: one batch to those that asked, each frame to the
   * others.
   */
  static void deliverCoalesced(
      Function<Out, byte[]> encoder, Sink sink, Audience to, List<Out> frames) {
    if (frames.size() == 1) {
      sink.deliver(
          to, encoder.apply(frames.get(0))); // one frame alone is sent as itself, to everyone
      return;
    }
    List<byte[]> each = new ArrayList<>(frames.size());
    for (Out frame : frames) each.add(encoder.apply(frame));
    sink.deliverCoalesced(to, each, encoder.apply(new Out.Batch(frames)));
  }

  @Override
  public void close() {}
}

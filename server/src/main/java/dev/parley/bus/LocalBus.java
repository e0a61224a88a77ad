package dev.parley.bus;

import dev.parley.domain.Audience;
import dev.parley.domain.Bus;
import dev.parley.domain.Out;
import java.util.function.Function;

/** The embedded bus: one process, so publishing is encoding once and delivering locally. */
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
  public void close() {}
}

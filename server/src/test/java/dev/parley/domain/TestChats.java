package dev.parley.domain;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** A {@link Chat} on a real store for domain tests: what it publishes goes to a callback. */
final class TestChats {

  private TestChats() {}

  static Chat chat(
      Store store, int textLimit, LongSupplier clock, BiConsumer<Audience, Out> published) {
    return chat(store, textLimit, Retention.KEEP_ALL, clock, published);
  }

  /** The same, with the server's retention policy. */
  static Chat chat(
      Store store,
      int textLimit,
      Retention retention,
      LongSupplier clock,
      BiConsumer<Audience, Out> published) {
    return chat(store, textLimit, retention, clock, bus(published));
  }

  /**
   * A bus of a node of its own that hands every frame it publishes, one by one, to {@code
   * published}.
   */
  /** Settings for a test: these limits, away after 1 s, no room quota, no rooms-per-user cap. */
  static Chat.Settings settings(int textLimit, Retention retention) {
    return new Chat.Settings(
        "test",
        new Out.Limits(textLimit, 1, 1, 1, 1),
        1000,
        retention,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE);
  }

  static Bus bus(BiConsumer<Audience, Out> published) {
    return new Bus() {
      @Override
      public synchronized void publish(Audience to, Out frame) {
        published.accept(to, frame);
      }

      @Override
      public void publishCoalesced(Audience to, List<Out> frames) {
        for (Out frame : frames) publish(to, frame);
      }

      @Override
      public void publishPresence(List<Out> frames) {
        publishCoalesced(Audience.everyone(), frames);
      }

      @Override
      public void close() {}
    };
  }

  /** The same on a bus of the test's own. */
  static Chat chat(Store store, int textLimit, Retention retention, LongSupplier clock, Bus bus) {
    return chat(store, textLimit, retention, clock, bus, Cluster.ALONE);
  }

  /** The same on a bus and a cluster of the test's own. */
  static Chat chat(
      Store store,
      int textLimit,
      Retention retention,
      LongSupplier clock,
      Bus bus,
      Cluster cluster) {
    return chat(store, settings(textLimit, retention), clock, bus, cluster);
  }

  /** The same with settings of the test's own (a room quota, say). */
  static Chat chat(Store store, Chat.Settings settings, LongSupplier clock, Bus bus) {
    return chat(store, settings, clock, bus, Cluster.ALONE);
  }

  private static Chat chat(
      Store store, Chat.Settings settings, LongSupplier clock, Bus bus, Cluster cluster) {
    Chat chat = new Chat(store, bus, cluster, null, settings, clock);
    chat.subscriptions(
        new Subscriptions() {
          @Override
          public void attach(String userId, Client client, Set<String> rooms) {}

          @Override
          public void detach(String userId, Client client) {}

          @Override
          public void joined(String room, String userId) {}

          @Override
          public void left(String room, String userId) {}
        });
    return chat;
  }
}

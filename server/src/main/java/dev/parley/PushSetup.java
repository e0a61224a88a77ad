package dev.parley;

import dev.parley.bus.RedisBus;
import dev.parley.domain.Chat;
import dev.parley.domain.Cluster;
import dev.parley.domain.InternalHosts;
import dev.parley.domain.PushBook;
import dev.parley.domain.Store;
import dev.parley.json.PushJson;
import dev.parley.push.PushEndpoints;
import dev.parley.push.WebPush;
import dev.parley.store.sql.SqlPushBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * Web Push on one node: the store's {@link SqlPushBook} (the VAPID key pair, made at the first
 * start, and the devices), the {@link WebPush} sender, and in a cluster the question whether a user
 * has a visible tab on another node ({@link RedisBus#visibleElsewhere}).
 */
public final class PushSetup implements AutoCloseable {
  private final SqlPushBook book;
  private final Predicate<String> visibleElsewhere;
  private volatile AutoCloseable sender;

  private PushSetup(SqlPushBook book, Predicate<String> visibleElsewhere) {
    this.book = book;
    this.visibleElsewhere = visibleElsewhere;
  }

  static PushSetup start(ParleyConfig config, Store store, Cluster cluster, Chat chat) {
    Predicate<String> elsewhere =
        cluster instanceof RedisBus redis ? redis::visibleElsewhere : userId -> false;
    PushSetup setup = new PushSetup(SqlPushBook.open(config.jdbcUrl(), store), elsewhere);
    String url = config.publicUrl();
    String subject = url != null && url.startsWith("https://") ? url : "mailto:parley@localhost";
    try {
      PushEndpoints endpoints = PushEndpoints.allowing(InternalHosts.parse(config.pushInternal()));
      WebPush push = WebPush.start(setup.book, subject, endpoints, elsewhere, PushJson::payload);
      setup.sender = push;
      chat.push().start(push);
    } catch (IOException e) {
      setup.close();
      throw new UncheckedIOException("could not read or store the VAPID key pair", e);
    }
    return setup;
  }

  /** Where the keys and devices are kept (tests start a sender of their own on it). */
  public PushBook book() {
    return book;
  }

  /** Whether a user has a visible tab on another node; false on a node of its own. */
  public Predicate<String> visibleElsewhere() {
    return visibleElsewhere;
  }

  /** Replaces the sender to close at the end (a test's own). */
  public void sender(AutoCloseable sender) {
    this.sender = sender;
  }

  @Override
  public void close() {
    try {
      AutoCloseable s = sender;
      if (s != null) s.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      book.close();
    }
  }
}

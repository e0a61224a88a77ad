package dev.parley.testing;

import dev.parley.ParleyConfig;
import dev.parley.domain.Change;
import dev.parley.domain.Snapshot;
import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Fills a server's store before it starts, through the real store's own writes: an attack test that
 * needs twenty thousand users or rooms gets them in a second instead of twenty thousand round
 * trips. Used as the configuration step of {@link ParleyServerExtension#with}, which runs after the
 * data folder exists and before the server opens it:
 *
 * <pre>{@code
 * static final ParleyServerExtension server = ParleyServerExtension.with(Seeds.then(s -> s.user(...)));
 * }</pre>
 */
public final class Seeds {

  private final SqlStore store;
  private final long now = System.currentTimeMillis();

  private Seeds(SqlStore store) {
    this.store = store;
  }

  /**
   * A configuration step that seeds the store {@code config} names with {@code seed}, then leaves
   * the config as it is.
   */
  public static UnaryOperator<ParleyConfig> then(Consumer<Seeds> seed) {
    return config -> {
      seed(config, seed);
      return config;
    };
  }

  /**
   * Seeds the store {@code config} names (its SQLite file or PostgreSQL schema) and closes it
   * again.
   */
  public static void seed(ParleyConfig config, Consumer<Seeds> seed) {
    try {
      if (config.db() == null) Files.createDirectories(config.dataDir());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (SqlStore store = SqlStore.open(config.jdbcUrl(), new SimpleMeterRegistry())) {
      seed.accept(new Seeds(store));
    } // close waits for every queued write
  }

  /** A user whose {@code hello} with {@code token} resumes it: the user and one session. */
  public Seeds user(String id, String nick, String token) {
    store.write(new Change.UserSaved(new Snapshot.UserRow(id, nick, null, hash(token), now)));
    store.write(
        new Change.SessionSaved(
            new Snapshot.SessionRow("s" + id, id, hash(token), now, now, null, false)));
    return this;
  }

  /** A public room created by {@code creator} (a user id, or null) {@code ageMillis} ago. */
  public Seeds room(String name, String topic, String creator, long ageMillis) {
    store.write(new Change.RoomSaved(name, topic, creator, now - ageMillis));
    return this;
  }

  public Seeds member(String room, String userId) {
    store.write(new Change.MemberAdded(room, userId, 0));
    return this;
  }

  /** What the server stores for a token: its SHA-256, in hex. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.store.sql.SqlStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user with a passkey is protected, on this node and on any node that hears of it; a user keeps
 * at most {@link Passkeys#MAX_PER_USER}; a verified sign-in opens a session only once per use (two
 * sign-ins verified against the same state cannot both win).
 */
class PasskeysTest {

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(1_000_000);

  private Registry registry(SqlStore store) {
    return new Registry(
        store,
        TestChats.bus((to, frame) -> {}),
        Cluster.ALONE,
        TestChats.settings(100, Retention.KEEP_ALL),
        now::get);
  }

  private static Passkeys passkeys(Registry registry) {
    return new Passkeys(registry, new Logins(registry, new NickClaims(registry, () -> "u1")));
  }

  private static UserState user(Registry registry, String id) {
    UserState u = new UserState(id, id.substring(1), null, "first-" + id, 0);
    registry.users.put(u.id, u);
    registry.write(new Change.UserSaved(Presence.row(u)));
    return u;
  }

  @Test
  void aPasskeyProtectsItsUserHereAndWhereverItIsHeard() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Registry here = registry(store);
      Registry there = registry(store);
      UserState ann = user(here, "uann");
      UserState annThere = user(there, "uann");
      Passkeys mine = passkeys(here);
      Passkeys theirs = passkeys(there);
      assertThat(ann.isProtected()).isFalse();

      Passkey p = mine.add("uann", "pk1", new byte[] {1}, 0, " ", null, null);
      assertThat(p.name()).isEqualTo("Passkey");
      assertThat(ann.passkeys).isEqualTo(1);
      assertThat(ann.isProtected()).isTrue();
      theirs.heard(new Change.PasskeySaved(p));
      assertThat(annThere.isProtected()).as("another node").isTrue();
      assertThat(theirs.userWithPasskeys("ANN")).isEqualTo("uann");

      assertThat(mine.remove("ubob", "pk1")).as("not Bob's").isFalse();
      assertThat(mine.remove("uann", "pk1")).isTrue();
      assertThat(ann.isProtected()).isFalse();
      theirs.heard(new Change.PasskeyRemoved("uann", "pk1"));
      assertThat(annThere.isProtected()).isFalse();
    }
  }

  @Test
  void aUserKeepsAtMostTenAndEachCredentialOnce() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Registry registry = registry(store);
      user(registry, "uann");
      user(registry, "ubob");
      Passkeys passkeys = passkeys(registry);
      for (int i = 0; i < Passkeys.MAX_PER_USER; i++)
        passkeys.add("uann", "pk" + i, new byte[] {1}, 0, "k" + i, null, null);
      assertThatThrownBy(() -> passkeys.add("uann", "pkx", new byte[] {1}, 0, "x", null, null))
          .isInstanceOf(ChatException.class);
      assertThatThrownBy(() -> passkeys.add("ubob", "pk0", new byte[] {1}, 0, "x", null, null))
          .as("a credential is one user's")
          .isInstanceOf(ChatException.class);
      assertThat(passkeys.of("uann")).hasSize(Passkeys.MAX_PER_USER);
    }
  }

  @Test
  void twoSignInsVerifiedAgainstTheSameStateOpenOneSession() {
    try (SqlStore store =
        SqlStore.open("jdbc:sqlite:" + dir.resolve("t.db"), new SimpleMeterRegistry())) {
      Registry registry = registry(store);
      UserState ann = user(registry, "uann");
      Passkeys passkeys = passkeys(registry);
      passkeys.add("uann", "pk1", new byte[] {1}, 0, "k", null, null);
      Passkey seen = passkeys.find("pk1");
      String token = passkeys.signIn(seen, 5, "agent");
      assertThat(registry.byToken).containsKey(Presence.hash(token));
      assertThat(passkeys.find("pk1").signCount()).isEqualTo(5);
      assertThatThrownBy(() -> passkeys.signIn(seen, 5, "agent")).isInstanceOf(ChatException.class);
      assertThat(ann.sessions).hasSize(1);
    }
  }
}

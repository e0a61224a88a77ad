package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Change;
import dev.parley.domain.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on identities as every {@link SqlStore} must keep them: the first claim of an
 * (issuer, subject) pair wins and every later one answers that user, many claims at once included;
 * the same subject at another issuer is another person; the users with an identity come back on
 * start.
 */
abstract class IdentityStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final String ISSUER = "https://id.example.org";

  private static String claim(Store store, String issuer, String subject, String userId) {
    return store.claimIdentity(issuer, subject, userId, T0).orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void theFirstClaimOfAPersonWinsAndLaterOnesAnswerItsUser() {
    SqlStore store = open();
    assertThat(claim(store, ISSUER, "sub-ann", "u-ann")).isEqualTo("u-ann");
    assertThat(claim(store, ISSUER, "sub-ann", "u-other")).isEqualTo("u-ann");
    assertThat(claim(store, "https://other.example.org", "sub-ann", "u-third"))
        .as("the same subject at another provider is another person")
        .isEqualTo("u-third");
  }

  @Test
  void manyClaimsAtOnceAgreeOnOneUser() {
    SqlStore store = open();
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++)
      answers.add(store.claimIdentity(ISSUER, "sub-race", "u-" + i, T0 + i));
    List<String> users = new ArrayList<>();
    for (CompletableFuture<String> a : answers) users.add(a.orTimeout(20, TimeUnit.SECONDS).join());
    assertThat(users).containsOnly(users.get(0));
  }

  @Test
  void usersWithAnIdentityComeBackOnStart() {
    SqlStore store = open();
    claim(store, ISSUER, "sub-bob", "u-bob");
    store.write(new Change.IdentityLinked(ISSUER, "sub-bob", "u-somebody-else", T0));
    store.write(new Change.IdentityLinked(ISSUER, "sub-cy", "u-cy", T0));
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
    store.close();

    SqlStore again = open();
    assertThat(again.load().ssoUsers())
        .as("a link heard from another node never replaces the first")
        .containsExactlyInAnyOrder("u-bob", "u-cy");
    assertThat(claim(again, ISSUER, "sub-bob", "u-new")).isEqualTo("u-bob");
  }
}

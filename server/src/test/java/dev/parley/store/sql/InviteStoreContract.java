package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Invites;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Invites as every {@link SqlStore} must keep them: a use takes one admission atomically and none
 * after the last or after expiry, a use given back returns (never past the maximum), live ones are
 * listed newest first, a cap on live ones, revoke by hash or by id.
 */
abstract class InviteStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final long DAY = 86_400_000L;

  private static <T> T join(CompletableFuture<T> f) {
    return f.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static Invites.Invite invite(String hash, int uses) {
    return new Invites.Invite(hash, "cli", T0, T0 + DAY, uses, uses);
  }

  private static String hash(char c) {
    return String.valueOf(c).repeat(64);
  }

  /** Whether two stores may use this database at once (as the nodes of a cluster do). */
  abstract boolean postgres();

  @Test
  void aUseTakesOneAdmissionUntilNoneIsLeft() {
    Invites invites = open().invites();
    assertThat(join(invites.create(invite(hash('a'), 2), 10, T0))).isTrue();
    assertThat(join(invites.use(hash('a'), T0 + 1))).isTrue();
    assertThat(join(invites.use(hash('a'), T0 + 2))).isTrue();
    assertThat(join(invites.use(hash('a'), T0 + 3))).as("used up").isFalse();
    assertThat(join(invites.use(hash('b'), T0 + 3))).as("unknown").isFalse();
  }

  @Test
  void anExpiredInviteAdmitsNobody() {
    Invites invites = open().invites();
    join(invites.create(invite(hash('c'), 5), 10, T0));
    assertThat(join(invites.use(hash('c'), T0 + DAY))).isFalse();
    assertThat(join(invites.live(T0 + DAY))).isEmpty();
  }

  @Test
  void aUseGivenBackCountsAgainButNeverPastItsMaximum() {
    Invites invites = open().invites();
    join(invites.create(invite(hash('d'), 1), 10, T0));
    assertThat(join(invites.use(hash('d'), T0 + 1))).isTrue();
    join(invites.giveBack(hash('d')));
    join(invites.giveBack(hash('d')));
    List<Invites.Invite> live = join(invites.live(T0 + 2));
    assertThat(live).hasSize(1);
    assertThat(live.get(0).usesLeft()).isEqualTo(1);
    assertThat(live.get(0).createdBy()).isEqualTo("cli");
  }

  @Test
  void liveInvitesAreCappedListedAndRevokedByIdOrHash() {
    Invites invites = open().invites();
    assertThat(join(invites.create(invite(hash('e'), 1), 2, T0))).isTrue();
    Invites.Invite newer = new Invites.Invite(hash('f'), "u-ann", T0 + 1, T0 + DAY, 1, 1);
    assertThat(join(invites.create(newer, 2, T0 + 1))).isTrue();
    assertThat(join(invites.create(invite(hash('1'), 1), 2, T0 + 2))).as("the cap").isFalse();
    assertThat(join(invites.live(T0 + 3)))
        .extracting(Invites.Invite::codeHash)
        .containsExactly(hash('f'), hash('e'));
    assertThat(join(invites.revoke(hash('e').substring(0, Invites.ID_LENGTH)))).isTrue();
    assertThat(join(invites.revoke(hash('f')))).isTrue();
    assertThat(join(invites.revoke(hash('f')))).isFalse();
    assertThat(join(invites.live(T0 + 3))).isEmpty();
  }

  @Test
  void manyUsesAtOnceAdmitExactlyAsManyAsTheInviteAllows() {
    SqlStore one = open();
    SqlStore two = postgres() ? open() : one; // two nodes' stores share PostgreSQL
    join(one.invites().create(invite(hash('9'), 3), 10, T0));
    List<CompletableFuture<Boolean>> uses = new ArrayList<>();
    for (int i = 0; i < 20; i++)
      uses.add((i % 2 == 0 ? one : two).invites().use(hash('9'), T0 + 1));
    assertThat(uses.stream().filter(f -> join(f)).count()).isEqualTo(3);
  }

  @Test
  void anInviteToARoomIsCappedPerRoomTakenWithItsRoomAndListedWithIt() {
    Invites invites = open().invites();
    Invites.Invite a = new Invites.Invite(hash('2'), "u-ann", T0, T0 + DAY, 2, 2, "team");
    Invites.Invite b = new Invites.Invite(hash('3'), "u-ann", T0 + 1, T0 + DAY, 1, 1, "team");
    Invites.Invite c = new Invites.Invite(hash('4'), "u-bob", T0 + 2, T0 + DAY, 1, 1, "other");
    assertThat(join(invites.create(a, 2, T0))).isTrue();
    assertThat(join(invites.create(b, 2, T0))).isTrue();
    assertThat(join(invites.create(c, 2, T0))).as("another room's cap").isTrue();
    assertThat(join(invites.create(invite(hash('5'), 1), 1, T0))).as("the server's").isTrue();
    Invites.Invite d = new Invites.Invite(hash('6'), "u-ann", T0 + 3, T0 + DAY, 1, 1, "team");
    assertThat(join(invites.create(d, 2, T0))).as("the room's cap").isFalse();
    assertThat(join(invites.live("team", T0 + 4)))
        .extracting(Invites.Invite::codeHash)
        .containsExactly(hash('3'), hash('2'));

    Invites.Invite taken = join(invites.take(hash('2'), T0 + 5));
    assertThat(taken.room()).isEqualTo("team");
    assertThat(taken.usesLeft()).isEqualTo(1);
    assertThat(join(invites.take(hash('3'), T0 + 5)).room()).isEqualTo("team");
    assertThat(join(invites.take(hash('3'), T0 + 6))).as("used up").isNull();
    assertThat(join(invites.find(hash('3'), T0 + 6)).usesLeft()).as("found, used up").isZero();
    assertThat(join(invites.find(hash('2').substring(0, Invites.ID_LENGTH), T0 + 6)).room())
        .isEqualTo("team");
    assertThat(join(invites.find(hash('2'), T0 + DAY))).as("expired").isNull();
    assertThat(join(invites.take(hash('5'), T0 + 6)).room()).isNull();
  }
}

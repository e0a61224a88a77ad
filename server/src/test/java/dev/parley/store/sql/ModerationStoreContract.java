package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Amendment;
import dev.parley.domain.AuditEntry;
import dev.parley.domain.Change;
import dev.parley.domain.Event;
import dev.parley.domain.Message;
import dev.parley.domain.Notice;
import dev.parley.domain.Profile;
import dev.parley.domain.RoomRole;
import dev.parley.domain.RoomRules;
import dev.parley.domain.RoomSanction;
import dev.parley.domain.Store;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Room roles and moderation as every {@link SqlStore} must keep them (V17): roles per membership,
 * gone with the membership; read-only rooms; room bans and mutes with reason and end, replaced and
 * lifted; all there again in a store opened anew. The audit newest first, by room and page. A
 * moderation notice and a moderator's deletion read back with every detail.
 */
abstract class ModerationStoreContract extends FreshStores {
  static final long T0 = 1_700_000_000_000L;
  static final Profile ANN = new Profile("u-ann", "Ann", null);
  static final Profile BOB = new Profile("u-bob", "Bob", null);

  private static void settle(Store store) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    store.afterQueued(() -> done.complete(null));
    done.orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static void room(Store store, String name) {
    store.write(new Change.RoomSaved(name, "", ANN.id(), T0));
    store.write(new Change.MemberAdded(name, ANN.id(), 0));
    store.write(new Change.RoleSet(name, ANN.id(), RoomRole.OWNER));
  }

  @Test
  void rolesReadOnlyRoomsBansAndMutesOutliveARestartAndARoleEndsWithItsMembership() {
    SqlStore store = open();
    room(store, "ops");
    room(store, "news");
    store.write(new Change.MemberAdded("ops", "u-bob", 0));
    store.write(new Change.RoleSet("ops", "u-bob", RoomRole.MODERATOR));
    store.write(new Change.MemberAdded("ops", "u-cleo", 0));
    store.write(new Change.RoleSet("ops", "u-cleo", RoomRole.MODERATOR));
    store.write(new Change.MemberRemoved("ops", "u-cleo"));
    store.write(new Change.MemberAdded("ops", "u-cleo", 0)); // back, as a member
    store.write(new Change.ReadOnlySet("news", true));
    RoomSanction ban =
        new RoomSanction("ops", "u-dan", RoomSanction.Kind.BAN, "spam", "u-bob", T0, null);
    RoomSanction mute =
        new RoomSanction("ops", "u-eve", RoomSanction.Kind.MUTE, null, "u-ann", T0, T0 + 600_000);
    store.write(new Change.Sanctioned(ban));
    store.write(new Change.Sanctioned(mute));
    store.write(
        new Change.Sanctioned(
            new RoomSanction("ops", "u-eve", RoomSanction.Kind.BAN, "x", "u-ann", T0, null)));
    store.write(new Change.SanctionLifted("ops", "u-eve", RoomSanction.Kind.BAN));
    RoomSanction later =
        new RoomSanction("ops", "u-dan", RoomSanction.Kind.BAN, "spam again", "u-ann", T0 + 5, 9L);
    store.write(new Change.Sanctioned(later));
    settle(store);
    store.close();

    RoomRules rules = open().roomRules();
    assertThat(rules.roles())
        .containsExactlyInAnyOrder(
            new RoomRules.Role("ops", ANN.id(), RoomRole.OWNER),
            new RoomRules.Role("news", ANN.id(), RoomRole.OWNER),
            new RoomRules.Role("ops", "u-bob", RoomRole.MODERATOR));
    assertThat(rules.readOnly()).containsExactly("news");
    assertThat(rules.sanctions()).containsExactlyInAnyOrder(later, mute);
  }

  @Test
  void theAuditIsNewestFirstByRoomAndPaged() {
    SqlStore store = open();
    for (int i = 0; i < 5; i++) {
      store.write(
          new Change.Audited(
              new AuditEntry(
                  T0 + i,
                  ANN,
                  i % 2 == 0 ? "kick" : "settings",
                  i == 4 ? "other" : "ops",
                  i % 2 == 0 ? BOB : null,
                  i == 0 ? "off topic" : null,
                  i % 2 == 0 ? null : "readOnly: true")));
    }
    settle(store);
    List<AuditEntry> all = store.audit(null, null, 10).orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(all).extracting(AuditEntry::ts).containsExactly(T0 + 4, T0 + 3, T0 + 2, T0 + 1, T0);
    assertThat(all.get(4))
        .isEqualTo(
            new AuditEntry(
                T0,
                new Profile(ANN.id(), ANN.nick(), null),
                "kick",
                "ops",
                new Profile(BOB.id(), BOB.nick(), null),
                "off topic",
                null));
    assertThat(all.get(1).detail()).isEqualTo("readOnly: true");
    assertThat(store.audit("ops", null, 2).orTimeout(20, TimeUnit.SECONDS).join())
        .extracting(AuditEntry::ts)
        .containsExactly(T0 + 3, T0 + 2);
    assertThat(store.audit("ops", T0 + 2, 10).orTimeout(20, TimeUnit.SECONDS).join())
        .extracting(AuditEntry::ts)
        .containsExactly(T0 + 1, T0);
  }

  @Test
  void aModerationNoticeAndAModeratorsDeletionReadBackWithEveryDetail() {
    SqlStore store = open();
    room(store, "ops");
    Notice kick =
        new Notice(
            "ops",
            0,
            T0,
            Notice.Kind.KICK,
            BOB,
            new Notice.Detail(ANN, "off topic", null, null, null, null));
    Notice mute =
        new Notice(
            "ops",
            0,
            T0 + 1,
            Notice.Kind.MUTE,
            BOB,
            new Notice.Detail(ANN, null, T0 + 60_000, null, null, null));
    Notice settings =
        new Notice(
            "ops",
            0,
            T0 + 2,
            Notice.Kind.SETTINGS,
            ANN,
            new Notice.Detail(ANN, null, null, null, "News only", true));
    Notice join = new Notice("ops", 0, T0 + 3, Notice.Kind.JOIN, BOB);
    for (Event e : List.of(kick, mute, settings, join)) {
      Recorder r = new Recorder();
      store.append(e, r);
      r.event();
    }
    Recorder said = new Recorder();
    store.append(Message.draft("ops", "m1", BOB, T0 + 4, "spam spam", null), said);
    long seq = said.event().seq();
    CompletableFuture<Message> deleted = new CompletableFuture<>();
    store.amend(
        new Amendment.Delete("ops", seq, ANN.id(), ANN, java.util.Set.of()),
        new Store.Amended() {
          @Override
          public void amended(Message message, boolean changed) {
            deleted.complete(message);
          }

          @Override
          public void failed(Throwable cause) {
            deleted.completeExceptionally(cause);
          }
        });
    assertThat(deleted.orTimeout(20, TimeUnit.SECONDS).join().deletedBy()).isEqualTo(ANN);

    List<Event> events =
        store.history("ops", null, null, 10).orTimeout(20, TimeUnit.SECONDS).join().events();
    assertThat(events).hasSize(5);
    assertThat(events.get(0)).isEqualTo(kick.withSeq(1));
    assertThat(events.get(1)).isEqualTo(mute.withSeq(2));
    assertThat(events.get(2)).isEqualTo(settings.withSeq(3));
    assertThat(events.get(3)).isEqualTo(join.withSeq(4));
    Message m = (Message) events.get(4);
    assertThat(m.deleted()).isTrue();
    assertThat(m.text()).isNull();
    assertThat(m.deletedBy()).isEqualTo(ANN);
  }
}

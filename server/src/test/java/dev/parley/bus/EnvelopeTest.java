package dev.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.Audience;
import dev.parley.domain.Change;
import dev.parley.domain.Retention;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one node sends another reads back as exactly what was sent. */
class EnvelopeTest {

  @Test
  void framesEventsAndAmendmentsKeepTheirBytesAndAddresses() {
    byte[] json = "{\"type\":\"typing\"}".getBytes(StandardCharsets.UTF_8);
    for (Audience to :
        List.of(
            Audience.room("general"),
            Audience.roomExcept("general", "u1"),
            Audience.user("u2"),
            Audience.everyone())) {
      Envelope.Frame back =
          (Envelope.Frame) Envelope.decode(Envelope.encode(new Envelope.Frame("n1", to, json)));
      assertThat(back.node()).isEqualTo("n1");
      assertThat(back.to()).isEqualTo(to);
      assertThat(back.json()).isEqualTo(json);
    }
    Envelope.Logged logged =
        (Envelope.Logged)
            Envelope.decode(Envelope.encode(new Envelope.Logged("n2", "r", 42, json)));
    assertThat(logged.room()).isEqualTo("r");
    assertThat(logged.seq()).isEqualTo(42);
    assertThat(logged.json()).isEqualTo(json);
    byte[] message = "{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);
    Envelope.Amended amended =
        (Envelope.Amended)
            Envelope.decode(Envelope.encode(new Envelope.Amended("n3", "r", json, message)));
    assertThat(amended.frame()).isEqualTo(json);
    assertThat(amended.message()).isEqualTo(message);
    Envelope.Marker marker =
        (Envelope.Marker) Envelope.decode(Envelope.encode(new Envelope.Marker("n4", 77)));
    assertThat(marker.node()).isEqualTo("n4");
    assertThat(marker.id()).isEqualTo(77);
    Envelope.Seen seen = new Envelope.Seen("n5", "u9", Status.AWAY);
    assertThat(Envelope.decode(Envelope.encode(seen))).isEqualTo(seen);
  }

  @Test
  void everySharedChangeReadsBackEqual() {
    List<Change> changes =
        List.of(
            new Change.UserSaved(new Snapshot.UserRow("u1", "Ünïcode nick", null, "hash", 7)),
            new Change.UserSaved(new Snapshot.UserRow("u2", "bob", "🦊", "hash2", 8)),
            new Change.RoomSaved("room", "a topic", "u1", 9),
            new Change.RoomSaved("dm:u1:u2", "", null, 10),
            new Change.MemberAdded("room", "u1", 3),
            new Change.MemberRemoved("room", "u1"),
            new Change.ReadMoved("room", "u1", 12),
            new Change.RetentionSet("room", new Retention(30, null)),
            new Change.RetentionSet("room", Retention.KEEP_ALL),
            new Change.RetentionSet("room", null),
            new Change.Purged("room", 250),
            new Change.UsersPruned(List.of("u3", "u4"), 1_700_000_000_000L),
            new Change.SessionSaved(
                new Snapshot.SessionRow("s1", "u1", "hash3", 11, 12, "Firefox", false)),
            new Change.SessionSaved(
                new Snapshot.SessionRow("s2", "u1", "hash4", 11, 12, null, true)),
            new Change.SessionSeen("s1", 13),
            new Change.SessionsRevoked("u1", List.of("s1", "s2")),
            new Change.SessionsRemoved(List.of("s1", "s2"), 1_700_000_000_000L),
            new Change.Banned("u2", "spam", "u1", 14),
            new Change.Banned("u2", null, "cli", 15),
            new Change.Unbanned("u2"),
            new Change.PasskeySaved(
                new dev.parley.domain.Passkey(
                    "cred-1", "u1", new byte[] {-91, 1, 2, 3, 38}, 4, "Läptop", 5, 0, null, null)),
            new Change.PasskeySaved(
                new dev.parley.domain.Passkey(
                    "cred-2", "u1", new byte[] {1}, 0, "key", 5, 6, "internal,usb", "aa-gu")),
            new Change.PasskeyUsed("cred-1", 9, 14),
            new Change.PasswordRehashed("u1", "$argon2id$old", "$argon2id$new"),
            new Change.PasskeyRemoved("u1", "cred-1"),
            new Change.RoleSet("room", "u2", dev.parley.domain.RoomRole.MODERATOR),
            new Change.RoleSet("room", "u2", dev.parley.domain.RoomRole.MEMBER),
            new Change.ReadOnlySet("room", true),
            new Change.Sanctioned(
                new dev.parley.domain.RoomSanction(
                    "room", "u2", dev.parley.domain.RoomSanction.Kind.BAN, "spam", "u1", 16, null)),
            new Change.Sanctioned(
                new dev.parley.domain.RoomSanction(
                    "room", "u2", dev.parley.domain.RoomSanction.Kind.MUTE, null, "u1", 17, 99L)),
            new Change.SanctionLifted("room", "u2", dev.parley.domain.RoomSanction.Kind.MUTE));
    for (Change c : changes) {
      Envelope.Shared back =
          (Envelope.Shared) Envelope.decode(Envelope.encode(new Envelope.Shared("n", c)));
      assertThat(back.change()).isEqualTo(c);
    }
  }

  @Test
  void bytesOfAnotherVersionAreRefused() {
    byte[] bytes = Envelope.encode(new Envelope.Frame("n", Audience.everyone(), new byte[0]));
    bytes[0] = 9;
    assertThatThrownBy(() -> Envelope.decode(bytes)).isInstanceOf(IllegalArgumentException.class);
  }
}

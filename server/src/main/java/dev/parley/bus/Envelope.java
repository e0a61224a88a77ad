package dev.parley.bus;

import dev.parley.domain.Audience;
import dev.parley.domain.Change;
import dev.parley.domain.Passkey;
import dev.parley.domain.Retention;
import dev.parley.domain.RoomRole;
import dev.parley.domain.RoomSanction;
import dev.parley.domain.Snapshot;
import dev.parley.domain.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One message between the nodes of a cluster, as bytes: which node sent it, then one of
 *
 * <ul>
 *   <li>{@link Frame}: an encoded frame and its audience (presence, typing, room, read ...);
 *   <li>{@link Logged}: a new event of a room's log, as its encoded {@code message} or {@code
 *       notice} frame, with its room and seq (the receiver orders by them);
 *   <li>{@link Amended}: a change to a message: the frame for the members, and the message as it
 *       now is (its {@code message} frame) for the receiver's room tail;
 *   <li>{@link Shared}: a change to users, rooms or memberships;
 *   <li>{@link Marker}: sent by a node to itself through Redis: once it is back, everything
 *       published before it by any node has been received;
 *   <li>{@link Seen}: a user's status on the sending node (online, away, or offline: no connection
 *       left there).
 * </ul>
 *
 * The frame bytes are carried as they are: each node delivers exactly what the publisher encoded. A
 * small binary header (no JSON) so that a crossing costs one copy of the frame.
 */
sealed interface Envelope {
  String node();

  record Frame(String node, Audience to, byte[] json) implements Envelope {}

  record Logged(String node, String room, long seq, byte[] json) implements Envelope {}

  record Amended(String node, String room, byte[] frame, byte[] message) implements Envelope {}

  record Shared(String node, Change change) implements Envelope {}

  record Marker(String node, long id) implements Envelope {}

  record Seen(String node, String userId, Status status) implements Envelope {}

  int VERSION = 1;

  static byte[] encode(Envelope e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(e.node());
      if (e instanceof Frame f) {
        out.writeByte('F');
        out.writeByte(f.to().kind().ordinal());
        nullable(out, f.to().name());
        nullable(out, f.to().exceptUser());
        blob(out, f.json());
      } else if (e instanceof Logged l) {
        out.writeByte('L');
        out.writeUTF(l.room());
        out.writeLong(l.seq());
        blob(out, l.json());
      } else if (e instanceof Amended a) {
        out.writeByte('A');
        out.writeUTF(a.room());
        blob(out, a.frame());
        blob(out, a.message());
      } else if (e instanceof Shared s) {
        out.writeByte('S');
        change(out, s.change());
      } else if (e instanceof Marker m) {
        out.writeByte('M');
        out.writeLong(m.id());
      } else if (e instanceof Seen p) {
        out.writeByte('P');
        out.writeUTF(p.userId());
        out.writeUTF(p.status().wire());
      } else {
        throw new IllegalStateException(
            "no encoding for the envelope " + e.getClass().getSimpleName());
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException for bytes that are not an envelope of this version
   */
  static Envelope decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION)
        throw new IllegalArgumentException("an envelope of version " + version);
      String node = in.readUTF();
      int kind = in.readUnsignedByte();
      return switch (kind) {
        case 'F' -> {
          Audience.Kind k = Audience.Kind.values()[in.readUnsignedByte()];
          yield new Frame(node, new Audience(k, nullable(in), nullable(in)), blob(in));
        }
        case 'L' -> new Logged(node, in.readUTF(), in.readLong(), blob(in));
        case 'A' -> new Amended(node, in.readUTF(), blob(in), blob(in));
        case 'S' -> new Shared(node, change(in));
        case 'M' -> new Marker(node, in.readLong());
        case 'P' -> new Seen(node, in.readUTF(), Status.fromWire(in.readUTF()));
        default -> throw new IllegalArgumentException("an envelope of kind " + kind);
      };
    } catch (IOException x) {
      throw new IllegalArgumentException("a truncated envelope", x);
    }
  }

  /** Whether a change is one the other nodes must apply (all but an import's restored events). */
  static boolean shared(Change change) {
    return !(change instanceof Change.Restored
        || change instanceof Change.UserSeen
        || change instanceof Change.UserSpoke
        || change instanceof Change.LinkMade
        || change instanceof Change.Audited);
  }

  private static void change(DataOutputStream out, Change change) throws IOException {
    if (change instanceof Change.UserSaved u) {
      out.writeByte('u');
      out.writeUTF(u.user().id());
      out.writeUTF(u.user().nick());
      nullable(out, u.user().avatar());
      out.writeUTF(u.user().tokenHash());
      out.writeLong(u.user().createdTs());
    } else if (change instanceof Change.RoomSaved r) {
      out.writeByte('r');
      out.writeUTF(r.name());
      nullable(out, r.topic());
      nullable(out, r.createdBy());
      out.writeLong(r.createdTs());
      out.writeBoolean(r.isPrivate());
    } else if (change instanceof Change.RoomPrivacy r) {
      out.writeByte('h');
      out.writeUTF(r.room());
      out.writeBoolean(r.isPrivate());
    } else if (change instanceof Change.MemberAdded m) {
      out.writeByte('+');
      out.writeUTF(m.room());
      out.writeUTF(m.userId());
      out.writeLong(m.readSeq());
    } else if (change instanceof Change.MemberRemoved m) {
      out.writeByte('-');
      out.writeUTF(m.room());
      out.writeUTF(m.userId());
    } else if (change instanceof Change.NotifySet n) {
      out.writeByte('Y');
      out.writeUTF(n.room());
      out.writeUTF(n.userId());
      out.writeUTF(n.level());
    } else if (change instanceof Change.ReadSet r) {
      out.writeByte('Z');
      out.writeUTF(r.room());
      out.writeUTF(r.userId());
      out.writeLong(r.seq());
    } else if (change instanceof Change.ReadMoved r) {
      out.writeByte('m');
      out.writeUTF(r.room());
      out.writeUTF(r.userId());
      out.writeLong(r.seq());
    } else if (change instanceof Change.RetentionSet r) {
      out.writeByte('k');
      out.writeUTF(r.room());
      out.writeBoolean(r.retention() != null);
      if (r.retention() != null) {
        out.writeInt(r.retention().days() == null ? -1 : r.retention().days());
        out.writeInt(r.retention().count() == null ? -1 : r.retention().count());
      }
    } else if (change instanceof Change.Purged p) {
      out.writeByte('p');
      out.writeUTF(p.room());
      out.writeLong(p.firstSeq());
    } else if (change instanceof Change.UsersPruned p) {
      out.writeByte('x');
      out.writeLong(p.seenBefore());
      out.writeInt(p.userIds().size());
      for (String id : p.userIds()) out.writeUTF(id);
    } else if (change instanceof Change.SessionSaved saved) {
      Snapshot.SessionRow r = saved.session();
      out.writeByte('s');
      out.writeUTF(r.id());
      out.writeUTF(r.userId());
      out.writeUTF(r.tokenHash());
      out.writeLong(r.created());
      out.writeLong(r.lastSeen());
      nullable(out, r.agent());
      out.writeBoolean(r.revoked());
    } else if (change instanceof Change.SessionSeen seen) {
      out.writeByte('z');
      out.writeUTF(seen.sessionId());
      out.writeLong(seen.ts());
    } else if (change instanceof Change.SessionsRevoked r) {
      out.writeByte('v');
      out.writeUTF(r.userId());
      out.writeInt(r.sessionIds().size());
      for (String id : r.sessionIds()) out.writeUTF(id);
    } else if (change instanceof Change.SessionsRemoved r) {
      out.writeByte('X');
      out.writeLong(r.endedBefore());
      out.writeInt(r.sessionIds().size());
      for (String id : r.sessionIds()) out.writeUTF(id);
    } else if (change instanceof Change.PasskeySaved saved) {
      Passkey p = saved.passkey();
      out.writeByte('K');
      out.writeUTF(p.id());
      out.writeUTF(p.userId());
      out.writeInt(p.publicKey().length);
      out.write(p.publicKey());
      out.writeLong(p.signCount());
      out.writeUTF(p.name());
      out.writeLong(p.created());
      out.writeLong(p.lastUsed());
      nullable(out, p.transports());
      nullable(out, p.aaguid());
    } else if (change instanceof Change.PasskeyUsed u) {
      out.writeByte('U');
      out.writeUTF(u.passkeyId());
      out.writeLong(u.signCount());
      out.writeLong(u.ts());
    } else if (change instanceof Change.PasskeyRemoved r) {
      out.writeByte('R');
      out.writeUTF(r.userId());
      out.writeUTF(r.passkeyId());
    } else if (change instanceof Change.PasswordSet p) {
      out.writeByte('w');
      out.writeUTF(p.userId());
      nullable(out, p.passwordHash());
    } else if (change instanceof Change.PasswordRehashed r) {
      out.writeByte('W');
      out.writeUTF(r.userId());
      out.writeUTF(r.replaced());
      out.writeUTF(r.passwordHash());
    } else if (change instanceof Change.IdentityLinked i) {
      out.writeByte('i');
      out.writeUTF(i.issuer());
      out.writeUTF(i.subject());
      out.writeUTF(i.userId());
      out.writeLong(i.created());
    } else if (change instanceof Change.Banned b) {
      out.writeByte('n');
      out.writeUTF(b.userId());
      nullable(out, b.reason());
      out.writeUTF(b.by());
      out.writeLong(b.ts());
    } else if (change instanceof Change.Unbanned u) {
      out.writeByte('N');
      out.writeUTF(u.userId());
    } else if (change instanceof Change.RoleSet r) {
      out.writeByte('o');
      out.writeUTF(r.room());
      out.writeUTF(r.userId());
      out.writeUTF(r.role().wire());
    } else if (change instanceof Change.ReadOnlySet r) {
      out.writeByte('q');
      out.writeUTF(r.room());
      out.writeBoolean(r.readOnly());
    } else if (change instanceof Change.Sanctioned s) {
      RoomSanction b = s.sanction();
      out.writeByte('b');
      out.writeUTF(b.room());
      out.writeUTF(b.userId());
      out.writeUTF(b.kind().wire());
      nullable(out, b.reason());
      out.writeUTF(b.by());
      out.writeLong(b.ts());
      out.writeLong(b.until() == null ? -1 : b.until());
    } else if (change instanceof Change.SanctionLifted l) {
      out.writeByte('B');
      out.writeUTF(l.room());
      out.writeUTF(l.userId());
      out.writeUTF(l.kind().wire());
    } else {
      throw new IllegalArgumentException("not a change the other nodes apply: " + change);
    }
  }

  private static Change change(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    return switch (kind) {
      case 'u' ->
          new Change.UserSaved(
              new Snapshot.UserRow(
                  in.readUTF(), in.readUTF(), nullable(in), in.readUTF(), in.readLong()));
      case 'r' ->
          new Change.RoomSaved(
              in.readUTF(), nullable(in), nullable(in), in.readLong(), in.readBoolean());
      case 'h' -> new Change.RoomPrivacy(in.readUTF(), in.readBoolean());
      case '+' -> new Change.MemberAdded(in.readUTF(), in.readUTF(), in.readLong());
      case '-' -> new Change.MemberRemoved(in.readUTF(), in.readUTF());
      case 'm' -> new Change.ReadMoved(in.readUTF(), in.readUTF(), in.readLong());
      case 'Y' -> new Change.NotifySet(in.readUTF(), in.readUTF(), in.readUTF());
      case 'Z' -> new Change.ReadSet(in.readUTF(), in.readUTF(), in.readLong());
      case 'p' -> new Change.Purged(in.readUTF(), in.readLong());
      case 'x' -> {
        long seenBefore = in.readLong();
        int n = in.readInt();
        java.util.List<String> ids = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(in.readUTF());
        yield new Change.UsersPruned(ids, seenBefore);
      }
      case 's' ->
          new Change.SessionSaved(
              new Snapshot.SessionRow(
                  in.readUTF(),
                  in.readUTF(),
                  in.readUTF(),
                  in.readLong(),
                  in.readLong(),
                  nullable(in),
                  in.readBoolean()));
      case 'z' -> new Change.SessionSeen(in.readUTF(), in.readLong());
      case 'K' -> {
        String id = in.readUTF();
        String userId = in.readUTF();
        int n = in.readInt();
        if (n < 0 || n > 4096) throw new IOException("a passkey's key of " + n + " bytes");
        byte[] key = new byte[n];
        in.readFully(key);
        yield new Change.PasskeySaved(
            new Passkey(
                id,
                userId,
                key,
                in.readLong(),
                in.readUTF(),
                in.readLong(),
                in.readLong(),
                nullable(in),
                nullable(in)));
      }
      case 'U' -> new Change.PasskeyUsed(in.readUTF(), in.readLong(), in.readLong());
      case 'R' -> new Change.PasskeyRemoved(in.readUTF(), in.readUTF());
      case 'w' -> new Change.PasswordSet(in.readUTF(), nullable(in));
      case 'W' -> new Change.PasswordRehashed(in.readUTF(), in.readUTF(), in.readUTF());
      case 'v' -> {
        String userId = in.readUTF();
        int n = in.readInt();
        java.util.List<String> ids = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(in.readUTF());
        yield new Change.SessionsRevoked(userId, ids);
      }
      case 'X' -> {
        long endedBefore = in.readLong();
        int n = in.readInt();
        java.util.List<String> ids = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(in.readUTF());
        yield new Change.SessionsRemoved(ids, endedBefore);
      }
      case 'i' ->
          new Change.IdentityLinked(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
      case 'n' -> new Change.Banned(in.readUTF(), nullable(in), in.readUTF(), in.readLong());
      case 'N' -> new Change.Unbanned(in.readUTF());
      case 'o' -> new Change.RoleSet(in.readUTF(), in.readUTF(), RoomRole.fromWire(in.readUTF()));
      case 'q' -> new Change.ReadOnlySet(in.readUTF(), in.readBoolean());
      case 'b' -> {
        String room = in.readUTF();
        String userId = in.readUTF();
        RoomSanction.Kind k = RoomSanction.Kind.fromWire(in.readUTF());
        String reason = nullable(in);
        String by = in.readUTF();
        long ts = in.readLong();
        long until = in.readLong();
        yield new Change.Sanctioned(
            new RoomSanction(room, userId, k, reason, by, ts, until < 0 ? null : until));
      }
      case 'B' ->
          new Change.SanctionLifted(
              in.readUTF(), in.readUTF(), RoomSanction.Kind.fromWire(in.readUTF()));
      case 'k' -> {
        String room = in.readUTF();
        Retention policy = null;
        if (in.readBoolean()) {
          int days = in.readInt();
          int count = in.readInt();
          policy = new Retention(days < 0 ? null : days, count < 0 ? null : count);
        }
        yield new Change.RetentionSet(room, policy);
      }
      default -> throw new IllegalArgumentException("a change of kind " + kind);
    };
  }

  private static void nullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) out.writeUTF(s);
  }

  private static String nullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void blob(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] blob(DataInputStream in) throws IOException {
    return in.readNBytes(in.readInt());
  }
}

package dev.parley.domain;

/**
 * This node's memory kept in step with the other nodes of a cluster: what another node stored (a
 * user, a room, a membership, a read marker, a room's retention policy, a change to a message,
 * where retention made a room's history start) is applied here as it would have been had it
 * happened here, minus the store write (the other node made it) and minus the announcements (the
 * other node published them, and they reach this node's sockets through the bus). And each room's
 * events, own and others', come back here in seq order to move the room's tail and {@code lastSeq}.
 *
 * <p>Called from the cluster bus's threads. A change arrives after the other node committed it, and
 * in the order that node made its changes and publications, so a membership never arrives before
 * its user or room, nor an event before its room.
 */
final class Replica implements Cluster.Log {
  private final Registry registry;
  private final Presence presence;
  private final IdleUsers idleUsers;

  Replica(Registry registry, Presence presence, IdleUsers idleUsers) {
    this.registry = registry;
    this.presence = presence;
    this.idleUsers = idleUsers;
  }

  @Override
  public void seen(String node, String userId, Status status) {
    presence.seen(node, userId, status);
  }

  @Override
  public void gone(String node) {
    presence.gone(node);
  }

  @Override
  public long lastSeq(String room) {
    RoomState r = registry.rooms.get(room);
    return r == null ? -1 : r.lastSeq;
  }

  @Override
  public long lastRev(String room) {
    RoomState r = registry.rooms.get(room);
    return r == null ? -1 : r.lastRev;
  }

  @Override
  public void logged(Event event) {
    RoomState room = registry.rooms.get(event.room());
    if (room != null) RoomLog.logged(room, event);
  }

  @Override
  public void amended(Message message) {
    RoomState room = registry.rooms.get(message.room());
    if (room == null) return;
    room.tail.replace(message);
    room.lastRev = Math.max(room.lastRev, message.rev());
  }

  @Override
  public String nick(String userId) {
    UserState user = registry.users.get(userId);
    return user == null ? null : user.nick;
  }

  @Override
  public void changed(Change change) {
    if (change instanceof Change.UserSaved u) {
      user(u.user());
    } else if (change instanceof Change.RoomSaved r) {
      RoomState fresh = new RoomState(r.name(), r.topic(), r.createdBy(), r.createdTs(), 0, 0);
      fresh.privateRoom = r.isPrivate();
      RoomState room = registry.rooms.computeIfAbsent(r.name(), name -> fresh);
      room.topic = r.topic() == null ? "" : r.topic();
      if (room == fresh) registry.arrived(room);
      else registry.relist(room);
    } else if (change instanceof Change.RoomPrivacy p) {
      RoomState room = registry.rooms.get(p.room());
      if (room == null) return;
      room.privateRoom = p.isPrivate();
      registry.relist(room);
    } else if (change instanceof Change.MemberAdded m) {
      RoomState room = registry.rooms.get(m.room());
      UserState user = registry.users.get(m.userId());
      if (room == null || user == null || Moderation.bannedNow(registry, room, user.id)) return;
      room.members.add(user.id);
      registry.relist(room);
      if (user.rooms.putIfAbsent(room.name, m.readSeq()) == null)
        registry.subscriptions.joined(room.name, user.id);
    } else if (change instanceof Change.MemberRemoved m) {
      RoomState room = registry.rooms.get(m.room());
      UserState user = registry.users.get(m.userId());
      if (room == null || user == null) return;
      room.members.remove(user.id);
      room.roles.remove(user.id);
      registry.relist(room);
      NotifyLevels.forget(user, room);
      if (user.rooms.remove(room.name) != null) registry.subscriptions.left(room.name, user.id);
    } else if (change instanceof Change.RoleSet r) {
      RoomState room = registry.rooms.get(r.room());
      if (room == null) return;
      if (r.role() == RoomRole.MEMBER) room.roles.remove(r.userId());
      else room.roles.put(r.userId(), r.role());
    } else if (change instanceof Change.ReadOnlySet r) {
      RoomState room = registry.rooms.get(r.room());
      if (room != null) room.readOnly = r.readOnly();
    } else if (change instanceof Change.Sanctioned s) {
      Moderation.applied(registry, s.sanction());
      if (s.sanction().kind() == RoomSanction.Kind.BAN)
        Moderation.bannedElsewhere(registry, s.sanction());
    } else if (change instanceof Change.SanctionLifted l) {
      Moderation.lifted(registry, l);
    } else if (change instanceof Change.NotifySet n) {
      NotifyLevels.applied(registry, n);
    } else if (change instanceof Change.ReadSet r) {
      UserState user = registry.users.get(r.userId());
      if (user != null) user.rooms.computeIfPresent(r.room(), (k, seq) -> r.seq());
    } else if (change instanceof Change.ReadMoved r) {
      UserState user = registry.users.get(r.userId());
      if (user != null) user.rooms.computeIfPresent(r.room(), (k, seq) -> Math.max(seq, r.seq()));
    } else if (change instanceof Change.RetentionSet r) {
      RoomState room = registry.rooms.get(r.room());
      if (room != null) room.retention = r.retention();
    } else if (change instanceof Change.Purged p) {
      RoomState room = registry.rooms.get(p.room());
      if (room != null) room.purgedBelow(p.firstSeq());
    } else if (change instanceof Change.UsersPruned p) {
      idleUsers.removedElsewhere(p);
    } else if (change instanceof Change.SessionSaved || change instanceof Change.SessionSeen) {
      presence.logins.heard(change);
    } else if (change instanceof Change.SessionsRevoked r) {
      presence.logins.revokedElsewhere(r);
    } else if (change instanceof Change.SessionsRemoved r) {
      presence.logins.ended.removedElsewhere(r);
    } else if (change instanceof Change.PasskeySaved
        || change instanceof Change.PasskeyUsed
        || change instanceof Change.PasskeyRemoved) {
      presence.logins.passkeys.heard(change);
    } else if (change instanceof Change.PasswordSet p) {
      presence.passwords.heard(p);
    } else if (change instanceof Change.PasswordRehashed r) {
      presence.passwords.heard(r);
    } else if (change instanceof Change.IdentityLinked linked) {
      UserState user = registry.users.get(linked.userId());
      if (user != null) user.sso = true;
    } else if (change instanceof Change.Banned || change instanceof Change.Unbanned) {
      registry.bans.heard(change);
    } else if (change instanceof Change.Restored
        || change instanceof Change.UserSeen
        || change instanceof Change.UserSpoke
        || change instanceof Change.LinkMade
        || change instanceof Change.Audited) {
      // Restored: an import runs on a stopped cluster (the command opens the store alone).
      // UserSeen, UserSpoke: marks the store reads; LinkMade: a code the store answers for;
      // never shared.
    } else {
      throw new IllegalStateException(
          "a change this node cannot apply: " + change.getClass().getSimpleName());
    }
  }

  /**
   * Adds what the snapshot holds and this node does not (rooms, users, memberships, read markers
   * further on, sessions) and drops the memberships it does not hold (a leave on another node),
   * except those {@code touched} since the read was asked for, and the ended sessions it does not
   * hold (removed on another node). Users are not renamed: a rename heard since is newer than the
   * row.
   */
  @Override
  public void reloaded(Snapshot snapshot, java.util.function.BiPredicate<String, String> touched) {
    for (Snapshot.RoomRow r : snapshot.rooms()) {
      RoomState fresh = Registry.state(r);
      RoomState known = registry.rooms.putIfAbsent(r.name(), fresh);
      if (known == null) {
        registry.arrived(fresh);
      } else if (known.privateRoom != r.isPrivate()) {
        known.privateRoom = r.isPrivate();
        registry.relist(known);
      }
    }
    for (Snapshot.UserRow u : snapshot.users()) {
      if (!registry.users.containsKey(u.id())) user(u);
    }
    if (snapshot.sessions() != null) {
      java.util.Set<String> sessions = new java.util.HashSet<>();
      for (Snapshot.SessionRow s : snapshot.sessions()) {
        sessions.add(s.id());
        presence.logins.heard(new Change.SessionSaved(s));
        if (s.revoked())
          presence.logins.revokedElsewhere(
              new Change.SessionsRevoked(s.userId(), java.util.List.of(s.id())));
      }
      presence.logins.ended.reloaded(sessions);
    }
    for (String id : snapshot.ssoUsers()) {
      UserState user = registry.users.get(id);
      if (user != null) user.sso = true;
    }
    java.util.Set<String> stored = new java.util.HashSet<>();
    for (Snapshot.MemberRow m : snapshot.members()) {
      stored.add(m.room() + '\n' + m.userId());
      if (touched.test(m.room(), m.userId())) continue;
      changed(new Change.MemberAdded(m.room(), m.userId(), m.readSeq()));
      changed(new Change.ReadMoved(m.room(), m.userId(), m.readSeq()));
    }
    java.util.List<Change> gone = new java.util.ArrayList<>();
    for (UserState user : registry.users.values()) {
      for (String room : user.rooms.keySet()) {
        if (!stored.contains(room + '\n' + user.id) && !touched.test(room, user.id))
          gone.add(new Change.MemberRemoved(room, user.id));
      }
    }
    for (Change c : gone) changed(c);
  }

  @Override
  public void roomRulesReloaded(RoomRules rules) {
    Moderation.reloaded(registry, rules);
  }

  @Override
  public void passkeysReloaded(
      java.util.List<Passkey> stored, java.util.function.Predicate<String> touched) {
    presence.logins.passkeys.reloaded(stored, touched);
  }

  private void user(Snapshot.UserRow row) {
    UserState known = registry.users.get(row.id());
    if (known != null) {
      String oldNick = known.nick;
      boolean changed =
          !row.nick().equals(oldNick) || !java.util.Objects.equals(row.avatar(), known.avatar);
      known.nick = row.nick();
      known.avatar = row.avatar();
      registry.holds.renamed(known, oldNick);
      if (changed) {
        presence.renamedElsewhere(known, oldNick);
        presence.profileChanged(known);
      }
      return;
    }
    UserState user =
        new UserState(row.id(), row.nick(), row.avatar(), row.tokenHash(), row.createdTs());
    user.passwordHash = row.passwordHash();
    if (registry.users.putIfAbsent(user.id, user) == null) {
      registry.holds.add(user); // its sessions follow (SessionSaved)
      registry.bans.arrived(user);
    }
  }
}

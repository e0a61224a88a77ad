package dev.parley.domain;

/** A write to the store's tables other than the logs; applied in queue order. */
public sealed interface Change {

  /** Inserts the user, or updates nick and avatar of an existing one. */
  record UserSaved(Snapshot.UserRow user) implements Change {}

  /**
   * Inserts a room (its log starts empty), or updates the topic of an existing one; {@code
   * isPrivate} is written only with a new room (a change of it is {@link RoomPrivacy}).
   */
  record RoomSaved(String name, String topic, String createdBy, long createdTs, boolean isPrivate)
      implements Change {
    /** A public room (or a direct conversation, private by its name). */
    public RoomSaved(String name, String topic, String createdBy, long createdTs) {
      this(name, topic, createdBy, createdTs, false);
    }
  }

  /** The room becomes private (in nobody's directory, unknown to non-members) or public. */
  record RoomPrivacy(String room, boolean isPrivate) implements Change {}

  record MemberAdded(String room, String userId, long readSeq) implements Change {}

  record MemberRemoved(String room, String userId) implements Change {}

  /**
   * Puts back an event exactly as it was exported (its seq, rev and reactions), into a room whose
   * log does not reach that seq yet: how {@code parley import} restores a room.
   */
  record Restored(Event event) implements Change {}

  /**
   * Sets the room's own retention policy ({@link Retention#KEEP_ALL} keeps everything), or with
   * null drops it, so the room follows the server's again.
   */
  record RetentionSet(String room, Retention retention) implements Change {}

  /**
   * What the member is notified of in the room: {@code all}, {@code mentions} or {@code none}.
   * Shared: every node's welcome and notifications agree.
   */
  record NotifySet(String room, String userId, String level) implements Change {}

  /** Sets a read marker to {@code seq}, back as well as forward ("mark as unread"). Shared. */
  record ReadSet(String room, String userId, long seq) implements Change {}

  /** Moves a read marker forward; a smaller seq than the stored one changes nothing. */
  record ReadMoved(String room, String userId, long seq) implements Change {}

  /**
   * The user's last connection (on the node that writes it) closed at {@code ts}: when they were
   * last seen, for the removal of users who never sent anything ({@link UsersPruned}). A smaller ts
   * than the stored one changes nothing. Not shared: the store is where it is read.
   */
  record UserSeen(String userId, long ts) implements Change {}

  /**
   * The user sent something for the first time that this node knows of (a message, a reaction, a
   * room): they are no longer one who never sent anything. Not shared.
   */
  record UserSpoke(String userId) implements Change {}

  /**
   * Removes these users (their row and memberships, not their events), each only if it still never
   * sent anything and was last seen, and created, before {@code seenBefore}: see {@link
   * Store#idleUsers}. Shared, so that every node forgets them.
   */
  record UsersPruned(java.util.List<String> userIds, long seenBefore) implements Change {}

  /**
   * Retention removed the room's events below {@code firstSeq}. Never written (the purge step that
   * did it was): only shared, so that the other nodes of a cluster drop those events from the
   * room's tail at once instead of serving them until their own sweep comes round.
   */
  record Purged(String room, long firstSeq) implements Change {}

  /** A new session (a token given in a welcome). Shared: its token works on every node at once. */
  record SessionSaved(Snapshot.SessionRow session) implements Change {}

  /**
   * The session's last connection (on the node that writes it) closed at {@code ts}: an idle
   * session expires {@code --session-idle} after it. A smaller ts changes nothing. Shared.
   */
  record SessionSeen(String sessionId, long ts) implements Change {}

  /**
   * These sessions of one user are revoked: their tokens answer {@code session_revoked}. Shared, so
   * that every node closes their connections (4001).
   */
  record SessionsRevoked(String userId, java.util.List<String> sessionIds) implements Change {}

  /**
   * Removes these sessions' rows, each only if it has still ended: revoked, or last used before
   * {@code endedBefore} (a session seen since is in use again and stays). Their tokens become
   * unknown. Shared, so that every node forgets them ({@link EndedSessions}).
   */
  record SessionsRemoved(java.util.List<String> sessionIds, long endedBefore) implements Change {}

  /**
   * The user's password is now the one with this Argon2id hash (a PHC string), or none (null: an
   * administrator's sign-in link for someone who lost it clears it, so that they can set a new one
   * without the old). Shared: the user signs in with it on every node at once, and their nick is
   * held there too.
   */
  record PasswordSet(String userId, String passwordHash) implements Change {}

  /**
   * The user's hash, made with older Argon2id parameters, was made again with today's at a
   * successful sign-in ({@link Passwords#outdated}): the same password, a cheaper check. It
   * replaces only {@code replaced}: a password set meanwhile (on this node or another) is never
   * overwritten by the old one. Shared as {@link PasswordSet} is.
   */
  record PasswordRehashed(String userId, String replaced, String passwordHash) implements Change {}

  /**
   * A sign-in code ("sign in on another device"), by its hash, valid until {@code expires}. The
   * store keeps only the newest few of a user and drops expired ones. Not shared: a node that is
   * given the code asks the store ({@link Store#useLink}).
   */
  record LinkMade(String codeHash, String userId, long created, long expires) implements Change {}

  /**
   * A user signs in through an OpenID provider as ({@code issuer}, {@code subject}). Stored (once:
   * the first claim of the pair wins, see {@link Store#claimIdentity}) and shared, so every node
   * knows the account is protected.
   */
  record IdentityLinked(String issuer, String subject, String userId, long created)
      implements Change {}

  /**
   * An administrator (or {@code parley user ban}) banned the user from the whole server: {@code
   * reason} may be null, {@code by} is the banning admin's id (or {@code "cli"}). Shared, so that
   * every node closes their connections (4003) and refuses their hello.
   */
  record Banned(String userId, String reason, String by, long ts) implements Change {}

  /** The user's server-wide ban is lifted. Shared. */
  record Unbanned(String userId) implements Change {}

  /**
   * A passkey registered by its user ({@link Passkey}). Shared: every node counts it at once (the
   * user is protected, {@link UserState#isProtected}) and can sign in with it.
   */
  record PasskeySaved(Passkey passkey) implements Change {}

  /**
   * A sign-in with the passkey showed signature counter {@code signCount} at {@code ts}. Shared: a
   * replayed or cloned authenticator's older counter is refused on every node.
   */
  record PasskeyUsed(String passkeyId, long signCount, long ts) implements Change {}

  /** The user removed one of their passkeys. Shared. */
  record PasskeyRemoved(String userId, String passkeyId) implements Change {}

  /**
   * The member's role in the room is now {@code role} (owner, moderator or member). Shared: every
   * node decides who may moderate from the same roles.
   */
  record RoleSet(String room, String userId, RoomRole role) implements Change {}

  /** Only moderators post in the room ({@code readOnly}), or everyone again. Shared. */
  record ReadOnlySet(String room, boolean readOnly) implements Change {}

  /**
   * A moderator banned the user from the room, or muted them in it, until {@code until} (null:
   * until lifted). Replaces an earlier one of the same kind. Shared, so every node refuses their
   * join or send at once.
   */
  record Sanctioned(RoomSanction sanction) implements Change {}

  /** The user's room ban or mute ({@code kind}) is lifted. Shared. */
  record SanctionLifted(String room, String userId, RoomSanction.Kind kind) implements Change {}

  /** A line of the moderation history ({@code audit}). Not shared: the store answers for it. */
  record Audited(AuditEntry entry) implements Change {}
}

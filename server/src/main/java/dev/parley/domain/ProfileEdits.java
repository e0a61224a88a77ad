package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INVALID_NICK;
import static dev.parley.domain.ChatException.Code.NICK_TAKEN;

import java.util.Objects;

/**
 * The {@code profile} frame: a signed-in user changes their own nick or avatar, by the rules of
 * {@code hello} (a valid nick, held by nobody else: online, or within {@code --nick-hold}; claimed
 * on every node of a cluster first). The change is stored ({@link Change.UserSaved}, which also
 * tells the other nodes) and announced as {@code presence} with the new profile, exactly as a
 * rename through {@code hello} is. Messages already sent keep the profile they were sent with.
 */
final class ProfileEdits {
  private final Registry registry;
  private final Presence presence;

  ProfileEdits(Registry registry, Presence presence) {
    this.registry = registry;
    this.presence = presence;
  }

  /**
   * Changes what is given: {@code nick} (null: keep), {@code avatar} (null: keep; blank: the
   * generated one) and {@code status} (null: keep; {@code online} or {@code away}). Answers {@code
   * ok}, or {@code invalid_nick}, {@code nick_taken}, {@code bad_request}.
   */
  void change(Session session, String nick, String avatar, String status, String ref) {
    Status chosen = status == null ? null : chosen(status);
    if (chosen != null && nick == null && avatar == null) {
      appear(session.user, chosen);
      session.client.send(new Out.Ok(ref, null));
      return;
    }
    change(session, nick, avatar, ref);
    if (chosen != null) appear(session.user, chosen);
  }

  private static Status chosen(String status) {
    return switch (status) {
      case "online" -> Status.ONLINE;
      case "away" -> Status.AWAY;
      default -> throw new ChatException(BAD_REQUEST, "A status is \"online\" or \"away\".");
    };
  }

  /**
   * Away by choice stays away through activity until the user says online (or connects afresh);
   * online is online at once. Announced as any change of status is.
   */
  private void appear(UserState user, Status status) {
    user.awayChosen = status == Status.AWAY;
    if (status == Status.AWAY) presence.here(user, Status.ONLINE, Status.AWAY);
    else presence.here(user, Status.AWAY, Status.ONLINE);
  }

  private void change(Session session, String nick, String avatar, String ref) {
    String wanted = nick == null ? null : Names.nick(nick);
    if (nick != null && wanted == null) {
      throw new ChatException(
          INVALID_NICK, "A nickname is 1 to 32 letters, digits, spaces, '_', '-' or '.'.");
    }
    if (nick == null && avatar == null)
      throw new ChatException(BAD_REQUEST, "Give a nick, an avatar or a status.");
    Avatar next = avatar == null ? null : new Avatar(Presence.cleanAvatar(avatar));
    UserState user = session.user;
    if (!registry.cluster.clustered() || wanted == null || wanted.equals(user.nick)) {
      apply(session, wanted, next, HelloClaims.NONE, ref);
      return;
    }
    presence.nicks.claimAhead(
        user,
        wanted,
        claims -> {
          try {
            apply(session, wanted, next, claims, ref);
          } catch (ChatException e) {
            session.client.send(e.frame(ref));
          } finally {
            presence.nicks.letGoUnused(claims);
          }
        });
  }

  /** The avatar asked for; {@code value} null is the generated one. */
  private record Avatar(String value) {}

  private void apply(Session session, String wanted, Avatar next, HelloClaims claims, String ref) {
    UserState user = session.user;
    boolean changed;
    synchronized (user) {
      boolean rename = wanted != null && !wanted.equals(user.nick);
      String refused = rename ? presence.nicks.refusal(wanted, user.id, claims) : null;
      if (refused != null) {
        boolean held = registry.holds.protectedOwner(Names.nickKey(wanted)) != null;
        throw new ChatException(NICK_TAKEN, refused, 0, held); // as hello's refusal says
      }
      String old = user.nick;
      if (rename && !Names.nickKey(wanted).equals(Names.nickKey(old))) {
        presence.nicks.release(old, user.id);
        registry.cluster.releaseNick(Names.nickKey(old), user.id, true);
      }
      if (rename) {
        user.nick = wanted;
        registry.holds.renamed(user, old);
      }
      boolean newAvatar = next != null && !Objects.equals(next.value(), user.avatar);
      if (newAvatar) user.avatar = next.value();
      changed = rename || newAvatar;
      if (changed) registry.write(new Change.UserSaved(Presence.row(user)));
    }
    if (changed && user.status != Status.OFFLINE) {
      registry.roster.changed();
      registry.coalescer.presence(user.profile(), user.status);
    }
    session.client.send(new Out.Ok(ref, null));
  }
}

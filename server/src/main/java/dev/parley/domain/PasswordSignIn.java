package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_CREDENTIALS;
import static dev.parley.domain.ChatException.Code.BAD_REQUEST;
import static dev.parley.domain.ChatException.Code.INTERNAL;
import static dev.parley.domain.ChatException.Code.INVALID_NICK;
import static dev.parley.domain.ChatException.Code.SLOW_DOWN;
import static dev.parley.domain.ChatException.Code.WEAK_PASSWORD;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Passwords: {@code protect} sets or changes the signed-in user's, and a {@code hello} with {@code
 * nick} and {@code password} signs in as the protected user of that nick, or makes the user and
 * protects it at once when nobody holds the nick. Split from {@link Presence}, which then greets
 * the user as for a sign-in code.
 *
 * <p>Every hash and check runs on {@link PasswordWork}'s pool. Each answer costs the same one
 * Argon2id computation whether the nick is protected, held by a guest (checked against a dummy
 * hash) or free (hashed for the new user), so the time of a refusal does not tell them apart.
 * Repeated failures wait ({@link PasswordGuesses}) before any hashing. New hashes are written
 * through the store and shared ({@link Change.PasswordSet}).
 */
final class PasswordSignIn {
  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 256;

  private final Registry registry;
  private final Presence presence;
  private final PasswordWork work = new PasswordWork();

  /** Set once, before the first connection, in a cluster; a node alone counts in memory. */
  private volatile GuessCounts guesses;

  /** Set once, before the first connection; null: passwords are off (domain tests). */
  private volatile Passwords passwords;

  /** A hash of a random password, checked against when there is no real one to check. */
  private volatile String dummy;

  PasswordSignIn(Registry registry, Presence presence) {
    this.registry = registry;
    this.presence = presence;
    this.guesses = new PasswordGuesses(registry.clock);
  }

  void guesses(GuessCounts counts) {
    this.guesses = counts;
  }

  void passwords(Passwords passwords) {
    this.passwords = passwords;
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    // the first job of an empty line: never refused
    work.run(() -> dummy = passwords.hash(Base64.getEncoder().encodeToString(random)), e -> {});
  }

  /**
   * What a {@code hello} with a password signs in as; {@code then} gets it on any thread, the
   * refusals included (a {@link ChatException} thrown here is one too). {@code place}: the
   * connection's, kept while it is told to wait for a full line.
   */
  void before(
      String nick,
      String password,
      String address,
      PlaceInLine place,
      Consumer<PasswordHello> then) {
    Passwords p = enabled();
    String wanted = nick == null ? null : Names.nick(nick);
    if (wanted == null) {
      throw new ChatException(
          INVALID_NICK, "A nickname is 1 to 32 letters, digits, spaces, '_', '-' or '.'.");
    }
    checkText(password);
    if (password.length() > MAX_LENGTH) throw weak();
    String key = Names.nickKey(wanted);
    guesses.wait(
        key,
        address,
        wait -> {
          if (wait > 0) {
            then.accept(
                PasswordHello.refused(
                    new ChatException(
                        SLOW_DOWN,
                        "Too many wrong passwords for this name or from your address; try again in "
                            + wait
                            + " s. A device already signed in, or a sign-in code, still works.",
                        wait)));
            return;
          }
          try {
            check(p, wanted, key, password, address, place, then);
          } catch (ChatException e) {
            then.accept(PasswordHello.refused(e));
          }
        });
  }

  /** Past the guessing limits: the password is checked (or hashed for a new user) on the pool. */
  private void check(
      Passwords p,
      String wanted,
      String key,
      String password,
      String address,
      PlaceInLine place,
      Consumer<PasswordHello> then) {
    UserState owner = registry.holds.protectedOwner(key);
    boolean held =
        owner != null
            || registry.holds.holder(key, null, registry.clock.getAsLong()) != null
            || registry.nicks.containsKey(key);
    work.run(
        place,
        () -> {
          // read when the hash starts, not when queued: a password changed meanwhile is the one
          String checked = owner == null ? null : owner.passwordHash;
          try {
            if (!held) {
              create(p, wanted, password, address, then);
            } else if (checked != null && p.verify(password, checked)) {
              guesses.succeeded(key);
              if (!registry.cluster.clustered())
                then.accept(PasswordHello.signIn(owner, HelloClaims.NONE));
              else
                presence.nicks.claimAhead(
                    owner, null, claims -> then.accept(PasswordHello.signIn(owner, claims)));
              rehash(p, owner, checked, password);
            } else {
              if (checked == null) p.verify(password, dummy());
              guesses.failed(key, address);
              then.accept(
                  PasswordHello.refused(
                      new ChatException(
                          BAD_CREDENTIALS,
                          owner != null
                              ? "Wrong password for " + owner.nick + "."
                              : wanted
                                  + " belongs to someone else, who has not protected it with"
                                  + " a password; choose another name.")));
            }
          } catch (ChatException e) {
            then.accept(PasswordHello.refused(e));
          } catch (RuntimeException e) {
            then.accept(
                PasswordHello.refused(
                    new ChatException(INTERNAL, "Could not check the password.")));
          }
        },
        e -> then.accept(PasswordHello.refused(e)));
  }

  /**
   * After a sign-in has been answered, on the pool: a hash made with older parameters is made again
   * with today's, once. Only if the user's hash is still the one checked: a password set meanwhile
   * stays, in memory (compared and set at once) and in the store ({@link Change.PasswordRehashed}).
   */
  private void rehash(Passwords p, UserState owner, String checked, String password) {
    if (!p.outdated(checked)) return;
    String hash = p.hash(password);
    if (owner.replacePasswordHash(checked, hash)) {
      registry.write(new Change.PasswordRehashed(owner.id, checked, hash));
    }
  }

  /** Nobody holds the nick: a new user, protected by this password from the start. */
  private void create(
      Passwords p, String wanted, String password, String address, Consumer<PasswordHello> then) {
    if (password.length() < MIN_LENGTH || p.isWeak(password)) throw weak();
    String hash = p.hash(password);
    if (!registry.cluster.clustered()) {
      then.accept(PasswordHello.create(wanted, hash, HelloClaims.NONE));
      return;
    }
    presence.claimAhead(
        null, wanted, address, claims -> then.accept(PasswordHello.create(wanted, hash, claims)));
  }

  /**
   * {@code protect}: sets the user's password, or changes it when {@code current} is the one set;
   * answered {@code ok} once the new hash is queued to the store and shared.
   */
  void protect(Session session, String password, String current, String address, String ref) {
    Passwords p = enabled();
    UserState user = session.user;
    if (password == null) throw new ChatException(BAD_REQUEST, "Field 'password' is required.");
    checkText(password);
    if (current != null) checkText(current);
    if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) throw weak();
    String set = user.passwordHash;
    if (set != null && current == null) {
      throw new ChatException(
          BAD_CREDENTIALS, "Give your current password ('current') to change it.");
    }
    String key = Names.nickKey(user.nick);
    if (set == null) change(p, session, user, password, null, null, key, address, ref);
    else
      guesses.wait(
          key,
          address,
          wait -> {
            if (wait > 0) {
              session.client.send(
                  new ChatException(
                          SLOW_DOWN, "Too many wrong passwords; try again in " + wait + " s.", wait)
                      .frame(ref));
              return;
            }
            try {
              change(p, session, user, password, current, set, key, address, ref);
            } catch (ChatException e) {
              session.client.send(e.frame(ref));
            }
          });
  }

  /** On the pool: checks {@code current} against {@code set} (if any), then stores the new hash. */
  private void change(
      Passwords p,
      Session session,
      UserState user,
      String password,
      String current,
      String set,
      String key,
      String address,
      String ref) {
    work.run(
        () -> {
          try {
            if (p.isWeak(password)) throw weak();
            if (set != null && (current.length() > MAX_LENGTH || !p.verify(current, set))) {
              guesses.failed(key, address);
              throw new ChatException(BAD_CREDENTIALS, "Your current password is not that.");
            }
            String hash = p.hash(password);
            user.passwordHash = hash;
            registry.write(new Change.PasswordSet(user.id, hash));
            if (user.status != Status.OFFLINE) registry.roster.changed();
            session.client.send(new Out.Ok(ref, null));
          } catch (ChatException e) {
            session.client.send(e.frame(ref));
          } catch (RuntimeException e) {
            session.client.send(
                new ChatException(INTERNAL, "Could not set the password.").frame(ref));
          }
        },
        e -> session.client.send(e.frame(ref)));
  }

  /** {@code strength}: the estimate, 0 to 4, and whether the server would refuse the password. */
  void strength(Session session, String password, String ref) {
    Passwords p = enabled();
    checkText(password);
    if (password.length() > MAX_LENGTH) {
      session.client.send(new Out.Strength(ref, 0, true));
      return;
    }
    work.run(
        () -> {
          boolean weak = password.length() < MIN_LENGTH || p.isWeak(password);
          session.client.send(new Out.Strength(ref, p.score(password), weak));
        },
        e -> session.client.send(e.frame(ref)));
  }

  /** Another node set a user's password. */
  void heard(Change.PasswordSet set) {
    UserState user = registry.users.get(set.userId());
    if (user == null) return;
    user.passwordHash = set.passwordHash();
    if (user.status != Status.OFFLINE) registry.roster.changed();
  }

  /** Another node hashed a user's password again; kept only if ours is still the one replaced. */
  void heard(Change.PasswordRehashed rehashed) {
    UserState user = registry.users.get(rehashed.userId());
    if (user == null) return;
    String ours = user.passwordHash;
    if (rehashed.replaced().equals(ours)) user.replacePasswordHash(ours, rehashed.passwordHash());
  }

  private Passwords enabled() {
    Passwords p = passwords;
    if (p == null) throw new ChatException(BAD_REQUEST, "This server does not take passwords.");
    return p;
  }

  private String dummy() {
    String d = dummy;
    if (d == null) d = dummy = passwords.hash("not-a-password-" + System.nanoTime());
    return d;
  }

  /** Text only: a lone surrogate (not UTF-8 once encoded) or a NUL would hash as something else. */
  private static void checkText(String password) {
    if (password == null) throw new ChatException(BAD_REQUEST, "Field 'password' is required.");
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      boolean lone =
          Character.isHighSurrogate(c)
              ? i + 1 >= password.length() || !Character.isLowSurrogate(password.charAt(++i))
              : Character.isLowSurrogate(c);
      if (lone || c == 0) {
        throw new ChatException(
            BAD_REQUEST, "A password is text: no NUL and no half of a UTF-16 surrogate pair.");
      }
    }
  }

  private static ChatException weak() {
    return new ChatException(
        WEAK_PASSWORD,
        "Choose a password of "
            + MIN_LENGTH
            + " to "
            + MAX_LENGTH
            + " characters that is not a common one (not on the list of common passwords, and"
            + " not guessed at once by the strength estimate).");
  }
}

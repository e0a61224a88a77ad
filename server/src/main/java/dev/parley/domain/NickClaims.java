package dev.parley.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who may take which nick, for {@code hello} and {@code profile}: a nick is refused when someone
 * else holds it, by its look-alike key ({@link Names#nickKey}), online on this node ({@link
 * Registry#nicks}), online on another node (the claims made through {@link Cluster#claimNick}
 * before the request ran, {@link HelloClaims}), or away within {@code --nick-hold} ({@link
 * NickHolds}). Split from {@link Presence}, which says who is online, so that each stays one job.
 */
final class NickClaims {
  private final Registry registry;
  private final Supplier<String> newUserId;

  NickClaims(Registry registry, Supplier<String> newUserId) {
    this.registry = registry;
    this.newUserId = newUserId;
  }

  /** The claims made ahead that the user does not hold now (a refused hello, a rename not made). */
  void letGoUnused(HelloClaims claims) {
    if (claims.claimed().isEmpty()) return;
    UserState user = registry.users.get(claims.userId());
    String now = user == null ? null : Names.nickKey(user.nick);
    for (String nick : claims.claimed()) {
      if (!nick.equals(now)) registry.cluster.releaseNick(nick, claims.userId(), true);
    }
  }

  void claimAhead(UserState user, String wanted, java.util.function.Consumer<HelloClaims> then) {
    String id = user != null ? user.id : newUserId.get();
    List<String> nicks = new ArrayList<>(2);
    if (wanted != null) nicks.add(Names.nickKey(wanted));
    if (user != null && !nicks.contains(Names.nickKey(user.nick)))
      nicks.add(Names.nickKey(user.nick));
    java.util.Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.Set<String> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
    claimEach(
        nicks,
        0,
        id,
        claimed,
        taken,
        () -> then.accept(new HelloClaims(id, user == null, claimed, taken, 0)));
  }

  private void claimEach(
      List<String> nicks,
      int i,
      String id,
      java.util.Set<String> claimed,
      java.util.Set<String> taken,
      Runnable done) {
    if (i == nicks.size()) {
      done.run();
      return;
    }
    registry.cluster.claimNick(
        nicks.get(i),
        id,
        held -> {
          (held ? claimed : taken).add(nicks.get(i));
          claimEach(nicks, i + 1, id, claimed, taken, done);
        });
  }

  /**
   * Claims a nick the user does not have yet, or says why not (a sentence for people): held by
   * someone online, or by someone who was here within the hold ({@link NickHolds}).
   */
  String refusal(String nick, String userId, HelloClaims claims) {
    UserState holder =
        registry.holds.holder(Names.nickKey(nick), userId, registry.clock.getAsLong());
    if (holder != null && holder.isProtected()) {
      return nick + " is protected by its owner's password; sign in with it, or choose another.";
    }
    if (holder != null && holder.status == Status.OFFLINE) {
      long days = Math.max(1, registry.settings.nickHoldMillis() / (24L * 60 * 60 * 1000));
      return nick
          + " belongs to someone who was here recently: a nickname stays its owner's for "
          + days
          + (days == 1 ? " day" : " days")
          + " after they leave. Choose another.";
    }
    if (holder != null || !claimOnline(nick, userId, claims)) {
      return "Someone online is already called " + nick + ".";
    }
    return null;
  }

  /** Claims a nick among the users online now (on this node and, through the claims, elsewhere). */
  boolean claimOnline(String nick, String userId, HelloClaims claims) {
    if (claims.taken().contains(Names.nickKey(nick))) return false;
    String holder = registry.nicks.putIfAbsent(Names.nickKey(nick), userId);
    return holder == null || holder.equals(userId);
  }

  void release(String nick, String userId) {
    registry.nicks.remove(Names.nickKey(nick), userId);
  }
}

package dev.parley.web.passkeys;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The challenges of ceremonies under way: 32 random bytes each, valid {@link #TTL_MILLIS} and once.
 * Why bounded twice: anyone may ask for a sign-in challenge, so each asker (an address, or a
 * signed-in user for registrations) keeps at most {@link #PER_ASKER} (a new one drops their
 * oldest), and all askers together at most {@link #MAX_TOTAL}: past that, expired ones are swept
 * and, if none were, the ask is refused ({@link #issue} gives null) rather than memory growing.
 *
 * <p>A challenge names what it is for ({@link Purpose}) and, for a registration, whose it is: one
 * issued for Ann's registration cannot finish Bob's, nor a sign-in. One lock guards it all: a
 * challenge is issued or taken in well under a microsecond.
 */
public final class Challenges {
  public static final long TTL_MILLIS = 3 * 60 * 1000;
  public static final int PER_ASKER = 5;
  public static final int MAX_TOTAL = 20_000;

  /** What a challenge may finish. */
  public enum Purpose {
    REGISTER,
    SIGN_IN
  }

  /**
   * An issued challenge: its bytes, what for, whose (a user id for registrations), when it ends.
   */
  public record Issued(byte[] bytes, Purpose purpose, String userId, String asker, long expires) {}

  private final SecureRandom random = new SecureRandom();
  private final LongSupplier clock;

  /** By challenge (base64url), in issue order. Guarded by this. */
  private final LinkedHashMap<String, Issued> live = new LinkedHashMap<>();

  /** Per asker, their live challenges, oldest first. Guarded by this. */
  private final Map<String, Deque<String>> byAsker = new HashMap<>();

  public Challenges(LongSupplier clock) {
    this.clock = clock;
  }

  /** A new challenge, or null when {@link #MAX_TOTAL} live ones leave no room. */
  public synchronized Issued issue(Purpose purpose, String userId, String asker) {
    long now = clock.getAsLong();
    if (live.size() >= MAX_TOTAL) {
      sweep(now);
      if (live.size() >= MAX_TOTAL) return null;
    }
    Deque<String> mine = byAsker.computeIfAbsent(asker, a -> new ArrayDeque<>());
    while (mine.size() >= PER_ASKER) live.remove(mine.pollFirst());
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    Issued issued = new Issued(bytes, purpose, userId, asker, now + TTL_MILLIS);
    String key = encode(bytes);
    live.put(key, issued);
    mine.addLast(key);
    return issued;
  }

  /**
   * Takes the challenge {@code key} (base64url) once: it is gone whatever follows. Null when it is
   * unknown, used, expired, or for another purpose or user (then it is gone too: a challenge shown
   * to the wrong door is burnt).
   */
  public synchronized Issued take(String key, Purpose purpose, String userId) {
    if (key == null) return null;
    Issued issued = live.remove(key);
    if (issued == null) return null;
    Deque<String> mine = byAsker.get(issued.asker());
    if (mine != null) {
      mine.remove(key);
      if (mine.isEmpty()) byAsker.remove(issued.asker());
    }
    if (issued.expires() <= clock.getAsLong() || issued.purpose() != purpose) return null;
    if (purpose == Purpose.REGISTER && !issued.userId().equals(userId)) return null;
    return issued;
  }

  /** How many challenges are live (expired ones not swept yet included). */
  public synchronized int size() {
    return live.size();
  }

  private void sweep(long now) {
    Iterator<Map.Entry<String, Issued>> it = live.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Issued> e = it.next();
      if (e.getValue().expires() > now) break; // issue order is expiry order
      it.remove();
      Deque<String> mine = byAsker.get(e.getValue().asker());
      if (mine != null) {
        mine.remove(e.getKey());
        if (mine.isEmpty()) byAsker.remove(e.getValue().asker());
      }
    }
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

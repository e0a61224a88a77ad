package dev.parley.domain;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * What makes two nicks the same nick: the key under which a nick is held. The contract compares
 * nicks case-insensitively <em>and by their confusable skeleton</em> (Unicode UTS #39), so that
 * {@code Аnn} with a Cyrillic {@code А}, a fullwidth {@code Ａｎｎ}, {@code Ann} with a variation
 * selector and {@code ann} all hold one place.
 *
 * <p>Why ICU and not a table of our own: the confusables data changes with every Unicode release,
 * and ICU4J ships it with its {@link SpoofChecker}. It is the one library the domain uses besides
 * SLF4J: it is Unicode data and its algorithms, no framework and no I/O.
 *
 * <p>The key is: NFKC (fullwidth letters become ASCII), every run of whitespace one space, the UTS
 * #39 skeleton, then NFKC with case folding and default-ignorable characters removed ({@code ß}
 * becomes {@code ss}, zero-width marks vanish), and the skeleton and the folding once more, since a
 * skeleton may map to a capital ({@code l} to {@code I}'s look-alike and back). Thread-safe: both
 * ICU objects are immutable once built.
 */
public final class NickKeys {

  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

  private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

  private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

  private NickKeys() {}

  /** The key of {@code nick}: equal keys are the same nick. */
  public static String of(String nick) {
    String wide = NFKC.normalize(nick).strip().replaceAll("\\s+", " ");
    String folded = FOLD.normalize(latinLookAlikes(wide));
    return FOLD.normalize(SKELETONS.getSkeleton(folded));
  }

  /**
   * Each character beyond ASCII that looks like one ASCII letter, as that letter, in its case. Why
   * before folding: a Cyrillic capital К looks like K, but its small к does not look like k (UTS
   * #39 likens it to ĸ), so folding first would lose the capital's likeness; and why not a whole
   * skeleton before folding: the skeleton turns {@code I} into {@code l}, so {@code KIM} and {@code
   * Kim} would differ.
   */
  private static String latinLookAlikes(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c >= 0x80) {
                String like = SKELETONS.getSkeleton(new String(Character.toChars(c)));
                if (like.length() == 1
                    && like.charAt(0) < 0x80
                    && Character.isLetter(like.charAt(0))) {
                  out.append(like.charAt(0));
                  return;
                }
              }
              out.appendCodePoint(c);
            });
    return out.toString();
  }
}

package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Search} folds, splits a query and places highlights: the part both stores share. */
class SearchMatchTest {

  static List<String> marked(String text, String q) {
    List<int[]> ranges = Search.match(text, Search.terms(q));
    if (ranges == null) return null;
    List<String> out = new ArrayList<>();
    for (int[] r : ranges) out.add(text.substring(r[0], r[1]));
    return out;
  }

  @Test
  void foldingTakesCaseAccentsAndCompatibilityFormsOff() {
    assertThat(Search.fold("Café CAFÉ cafe\u0301")).isEqualTo("cafe cafe cafe");
    assertThat(Search.fold("ＫＵＢＥ ﬁle")).isEqualTo("kube file");
    assertThat(Search.fold("Straße\u00a0İ")).startsWith("straße ");
    assertThat(Search.fold("が ｶﾞ")).isEqualTo("が ガ"); // kana keep their voicing mark
    assertThat(Search.fold("مَرْحَبًا")).isEqualTo("مرحبا");
  }

  @Test
  void highlightsAreOffsetsIntoTheOriginalText() {
    assertThat(marked("say cafe\u0301 now", "cafe"))
        .containsExactly("cafe\u0301"); // the accent is inside
    assertThat(marked("🦊🦊 Kubernetes", "kube")).containsExactly("Kube"); // after surrogate pairs
    assertThat(marked("ＫＵＢＥＲＮＥＴＥＳ", "kubernetes")).containsExactly("ＫＵＢＥＲＮＥＴＥＳ");
    assertThat(marked("deploy and redeploy", "deploy")).containsExactly("deploy", "deploy");
    assertThat(marked("abcabc", "bca abc")).containsExactly("abcabc"); // overlapping ranges merge
  }

  @Test
  void oneTypoOnlyForLongWordsAndOnlyOne() {
    assertThat(marked("kubernetes", "kubernets")).containsExactly("kubernetes");
    assertThat(marked("kubernetes", "kubernxtes")).containsExactly("kubernetes");
    assertThat(marked("kubernetes", "kubernetees")).containsExactly("kubernetes");
    assertThat(marked("kubernetes", "kubrnets")).isNull();
    assertThat(marked("the cat", "cut")).isNull(); // short words match exactly only
    assertThat(TermMatcher.withinOne("abcdef", 0, 6, "abcdef", Search.Typos.ONE)).isTrue();
    assertThat(TermMatcher.withinOne("abXdef", 0, 6, "abcdef", Search.Typos.ONE)).isTrue();
    assertThat(TermMatcher.withinOne("abXXef", 0, 6, "abcdef", Search.Typos.ONE)).isFalse();
  }

  @Test
  void queriesNeedOneWordTheIndexCanLookUp() {
    assertThat(Search.terms("数据").get(0).pair()).isTrue();
    assertThat(Search.terms("Kubernetes").get(0).typos()).isEqualTo(Search.Typos.ONE);
    assertThat(Search.terms("kubernetes").get(0).lookups())
        .containsExactly("kuber", "netes", "kubenretes");
    assertThat(Search.terms("hike").get(0).typos()).isEqualTo(Search.Typos.SWAP);
    assertThat(Search.terms("hike").get(0).lookups())
        .containsExactly("hike", "ihke", "hkie", "hiek");
    assertThat(Search.terms("the").get(0).typos()).isEqualTo(Search.Typos.NONE);
    assertThat(Search.terms("a big deal"))
        .extracting(Search.Term::text)
        .containsExactly("a", "big", "deal");
    assertThatThrownBy(() -> Search.terms("ab cd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Search.terms("🦊🦊"))
        .isInstanceOf(IllegalArgumentException.class); // two characters, four chars
    Search.Term gothic = Search.terms("𐌰𐌱𐌲𐌳𐌴𐌵").get(0);
    assertThat(gothic.lookups())
        .containsExactly("𐌰𐌱𐌲", "𐌳𐌴𐌵"); // no swap that splits a surrogate pair
    assertThatThrownBy(() -> Search.terms("数")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Search.terms("x".repeat(Search.MAX_TERM))).hasSize(1);
    assertThatThrownBy(() -> Search.terms("x".repeat(Search.MAX_TERM + 1)))
        .hasMessageContaining("64 characters");
    assertThatThrownBy(() -> Search.terms("ﬃ".repeat(22)))
        .hasMessageContaining("64 characters"); // 66 chars once folded
    assertThatThrownBy(() -> Search.terms("one two three four five six seven eight nine"))
        .hasMessageContaining("8 words");
    assertThatThrownBy(() -> Search.terms("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Search.Cursor.parse(new Search.Cursor(42, "dm:a:b", 7).wire()))
        .isEqualTo(new Search.Cursor(42, "dm:a:b", 7));
    assertThat(Search.Cursor.parse("x.1.r")).isNull();
  }

  /** The folded-text check a store runs before it reads messages agrees with the full match. */
  @Test
  void holdsAgreesWithMatchOnFoldedText() {
    String[] texts = {
      "Déploiement du Kubernetes cluster",
      "kubernetes",
      "kubernxtes rollout",
      "数据库 ready",
      "nothing here"
    };
    String[] queries = {
      "kubernets", "kubernetes cluster", "déploiement", "数据", "rollback", "kube xyz", "ernet"
    };
    for (String text : texts) {
      for (String q : queries) {
        List<Search.Term> terms = Search.terms(q);
        assertThat(Search.holds(Search.fold(text), terms))
            .as(text + " / " + q)
            .isEqualTo(Search.match(text, terms) != null);
      }
    }
  }

  @Test
  void twoSwappedLettersAreOneTypo() {
    assertThat(marked("going on a hike tomorrow", "hkie"))
        .containsExactly("hike"); // issue 16: a four-letter word
    assertThat(marked("going on a hike tomorrow", "hiek")).containsExactly("hike");
    assertThat(marked("going on a hike tomorrow", "hikr"))
        .isNull(); // short words forgive a swap only
    assertThat(marked("the weather forecast", "forceast"))
        .containsExactly("forecast"); // the swap across the halves
    assertThat(marked("the weather forecast", "forcast")).containsExactly("forecast");
    assertThat(marked("We use Kubernetes", "kubernetse")).containsExactly("Kubernetes");
    assertThat(marked("teh cat", "the")).isNull(); // three letters: exact only
    assertThat(marked("kubernetes", "ukbrenetes")).isNull(); // two swaps are two typos
  }

  /**
   * The index's filter is complete: a text that holds a term with a typo the term forgives holds at
   * least one of the term's lookups intact (else the store would never see it as a candidate).
   */
  @Test
  void everyTextATermMatchesHoldsOneOfItsLookups() {
    java.util.Random random = new java.util.Random(14);
    for (int n = 0; n < 20_000; n++) {
      String word = randomWord(random, "abcdefgh", 4 + random.nextInt(9));
      String typo = edit(random, word);
      Search.Term term = Search.terms(typo).get(0);
      String text =
          randomWord(random, "abcdefgh ", random.nextInt(6))
              + " "
              + word
              + " "
              + randomWord(random, "abcdefgh ", random.nextInt(6));
      boolean forgiven =
          distance(word, typo) == 0
              || term.typos() == Search.Typos.ONE
              || (term.typos() == Search.Typos.SWAP
                  && word.length() == typo.length()
                  && distance(word, typo) == 1
                  && hamming(word, typo) == 2);
      if (!forgiven) continue;
      assertThat(Search.match(text, List.of(term))).as("%s in %s", typo, text).isNotNull();
      assertThat(term.lookups()).as("%s in %s", typo, text).anyMatch(text::contains);
    }
  }

  /**
   * The linear matcher against a plain reference: a window is within one edit when its Damerau
   * distance (optimal string alignment) is at most one; {@code holds} says whether any window is,
   * and the highlights are the greedy left-to-right windows (longest at each start).
   */
  @Test
  void theLinearMatcherAgreesWithAPlainReference() {
    java.util.Random random = new java.util.Random(16);
    for (int n = 0; n < 4_000; n++) {
      String text = randomWord(random, "abc", random.nextInt(40));
      String term = randomWord(random, "abc", 1 + random.nextInt(9));
      for (Search.Typos typos : Search.Typos.values()) {
        TermMatcher m = new TermMatcher(term, typos);
        List<int[]> exact = new ArrayList<>();
        m.exact(text, exact);
        List<int[]> expectedExact = new ArrayList<>();
        for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length())) {
          expectedExact.add(new int[] {at, at + term.length()});
        }
        assertThat(exact).as("exact %s in %s", term, text).containsExactlyElementsOf(expectedExact);
        List<int[]> near = new ArrayList<>();
        m.typos(text, near);
        List<int[]> expectedNear =
            typos == Search.Typos.NONE ? List.of() : referenceTypos(text, term, typos);
        assertThat(near)
            .as("%s %s in %s", typos, term, text)
            .containsExactlyElementsOf(expectedNear);
        boolean expectedHolds = !expectedExact.isEmpty() || !expectedNear.isEmpty();
        assertThat(m.holds(text))
            .as("holds %s %s in %s", typos, term, text)
            .isEqualTo(expectedHolds);
      }
    }
  }

  /**
   * Issue 14: long texts of one letter and long words two letters away from them (so every window
   * almost matches) cost O(text × word) per candidate before: about 10 s for this loop. Now each
   * word is one pass over each text; the bound is generous for a loaded machine.
   */
  @Test
  void longWordsOverLongTextsOfOneLetterCostOnePassEach() {
    String text = "a".repeat(8_000);
    String q =
        "a".repeat(62) + "bb " + "a".repeat(31) + "bb" + "a".repeat(31) + " bb" + "a".repeat(62);
    List<Search.Term> terms = Search.terms(q);
    assertThat(terms).hasSize(3);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(4),
        () -> {
          for (int n = 0; n < 2_000; n++) assertThat(Search.holds(text, terms)).isFalse();
          for (int n = 0; n < 50; n++) assertThat(Search.match(text, terms)).isNull();
        });
  }

  private static List<int[]> referenceTypos(String text, String term, Search.Typos typos) {
    List<int[]> found = new ArrayList<>();
    int m = term.length();
    int i = 0;
    while (i < text.length()) {
      int len = -1;
      for (int l : new int[] {m + 1, m, m - 1}) {
        if (l < 1 || i + l > text.length()) continue;
        String window = text.substring(i, i + l);
        int d = distance(window, term);
        boolean ok =
            typos == Search.Typos.ONE
                ? d <= 1
                : d == 0 || (l == m && d == 1 && hamming(window, term) == 2);
        if (ok) {
          len = l;
          break;
        }
      }
      if (len > 0) {
        found.add(new int[] {i, i + len});
        i += len;
      } else {
        i++;
      }
    }
    return found;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** Positions where two strings of one length differ (a swap of two different letters: 2). */
  private static int hamming(String a, String b) {
    int n = 0;
    for (int i = 0; i < a.length(); i++) if (a.charAt(i) != b.charAt(i)) n++;
    return n;
  }

  private static String randomWord(java.util.Random random, String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return b.toString();
  }

  /** {@code word} with one random edit: a letter changed, dropped, added, or two swapped. */
  private static String edit(java.util.Random random, String word) {
    StringBuilder b = new StringBuilder(word);
    int at = random.nextInt(word.length() - 1);
    switch (random.nextInt(4)) {
      case 0 -> b.setCharAt(at, (char) ('a' + random.nextInt(8)));
      case 1 -> b.deleteCharAt(at);
      case 2 -> b.insert(at, (char) ('a' + random.nextInt(8)));
      default -> {
        b.setCharAt(at, word.charAt(at + 1));
        b.setCharAt(at + 1, word.charAt(at));
      }
    }
    return b.toString();
  }
}

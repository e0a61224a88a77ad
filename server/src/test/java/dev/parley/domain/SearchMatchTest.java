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
    assertThat(marked("say cafe\u0301 now", "cafe")).containsExactly("cafe\u0301"); // the accent is inside
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
    assertThat(Search.withinOne("abcdef", 0, 6, "abcdef")).isTrue();
    assertThat(Search.withinOne("abXdef", 0, 6, "abcdef")).isTrue();
    assertThat(Search.withinOne("abXXef", 0, 6, "abcdef")).isFalse();
  }

  @Test
  void queriesNeedOneWordTheIndexCanLookUp() {
    assertThat(Search.terms("数据").get(0).pair()).isTrue();
    assertThat(Search.terms("Kubernetes").get(0).fuzzy()).isTrue();
    assertThat(Search.terms("kubernetes").get(0).left()).isEqualTo("kuber");
    assertThat(Search.terms("a big deal")).extracting(Search.Term::text).containsExactly("a", "big", "deal");
    assertThatThrownBy(() -> Search.terms("ab cd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Search.terms("🦊🦊")).isInstanceOf(IllegalArgumentException.class); // two characters, four chars
    Search.Term gothic = Search.terms("𐌰𐌱𐌲𐌳𐌴𐌵").get(0);
    assertThat(gothic.left()).isEqualTo("𐌰𐌱𐌲");
    assertThat(gothic.right()).isEqualTo("𐌳𐌴𐌵");
    assertThatThrownBy(() -> Search.terms("数")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Search.terms("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Search.Cursor.parse(new Search.Cursor(42, "dm:a:b", 7).wire())).isEqualTo(new Search.Cursor(42, "dm:a:b", 7));
    assertThat(Search.Cursor.parse("x.1.r")).isNull();
  }

  /** The folded-text check a store runs before it reads messages agrees with the full match. */
  @Test
  void holdsAgreesWithMatchOnFoldedText() {
    String[] texts = {"Déploiement du Kubernetes cluster", "kubernetes", "kubernxtes rollout", "数据库 ready", "nothing here"};
    String[] queries = {"kubernets", "kubernetes cluster", "déploiement", "数据", "rollback", "kube xyz", "ernet"};
    for (String text : texts) {
      for (String q : queries) {
        List<Search.Term> terms = Search.terms(q);
        assertThat(Search.holds(Search.fold(text), terms)).as(text + " / " + q).isEqualTo(Search.match(text, terms) != null);
      }
    }
  }
}

package dev.parley;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering CONTRIBUTING promises, checked on the compiled main classes (ArchUnit reads the
 * bytecode, so a fully qualified name in the middle of a method counts as much as an import). Rules
 * name packages, never classes, so moving a class within its package changes nothing here.
 *
 * <p>The shape: {@code dev.parley.domain} depends on nothing of ours and on no library but SLF4J
 * and ICU4J (Unicode data for nick skeletons); each adapter depends on the domain and on the few
 * packages listed for it in {@link #MAY_USE}; {@code dev.parley} itself (the command line and the
 * wiring of a node) may use everything and nothing uses it; no two packages depend on each other in
 * a cycle. Each library stays in the adapter that is its job (JDBC in {@code store.sql}, Lettuce in
 * {@code bus}, Netty in {@code web}). A new package fails {@link #everyPackageHasAPlace} until it
 * is given its place in the table below.
 */
class LayeringTest {

  private static final String ROOT = "dev.parley";

  /**
   * Each package of ours (with its subpackages, unless a subpackage has an entry of its own) and
   * the packages of ours it may depend on besides itself.
   */
  private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("dev.parley.domain", List.of());
    MAY_USE.put("dev.parley.uploads", List.of("dev.parley.domain"));
    MAY_USE.put("dev.parley.json", List.of("dev.parley.domain"));
    MAY_USE.put("dev.parley.links", List.of("dev.parley.domain"));
    MAY_USE.put("dev.parley.auth", List.of("dev.parley.domain"));
    MAY_USE.put("dev.parley.push", List.of("dev.parley.domain"));
    MAY_USE.put("dev.parley.bus", List.of("dev.parley.domain"));
    MAY_USE.put("dev.parley.store", List.of("dev.parley.domain", "dev.parley.uploads"));
    MAY_USE.put(
        "dev.parley.archive",
        List.of("dev.parley.domain", "dev.parley.uploads", "dev.parley.json"));
    MAY_USE.put("dev.parley.web.guard", List.of("dev.parley.domain"));
    MAY_USE.put(
        "dev.parley.web.socket",
        List.of("dev.parley.domain", "dev.parley.json", "dev.parley.web.guard"));
    MAY_USE.put("dev.parley.web.passkeys", List.of("dev.parley.domain", "dev.parley.web.guard"));
    MAY_USE.put("dev.parley.web.sso", List.of("dev.parley.domain"));
    MAY_USE.put(
        "dev.parley.web",
        List.of(
            "dev.parley.web.passkeys",
            "dev.parley.web.sso",
            "dev.parley.domain",
            "dev.parley.uploads",
            "dev.parley.archive",
            "dev.parley.json",
            "dev.parley.web.guard",
            "dev.parley.web.socket"));
  }

  private static final String[] NETTY = {"io.netty.."};
  private static final String[] JDBC = {
    "java.sql..",
    "javax.sql..",
    "com.zaxxer.hikari..",
    "org.flywaydb..",
    "org.sqlite..",
    "org.postgresql.."
  };
  private static final String[] JACKSON = {"tools.jackson..", "com.fasterxml.jackson.."};
  private static final String[] LETTUCE = {"io.lettuce.."};

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);
    if (main.size() < 100)
      throw new AssertionError("found only " + main.size() + " main classes under " + ROOT);
  }

  @Test
  void webAuthnLivesOnlyInThePasskeyAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.web.passkeys..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.webauthn4j..")
        .because("WebAuthn is a protocol of the HTTP side; the domain keeps credentials as bytes")
        .check(main);
  }

  @Test
  void openIdConnectLivesOnlyInTheSingleSignOnAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.web.sso..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.nimbusds..")
        .because("OpenID Connect is the HTTP side's; the domain sees an issuer and a subject")
        .check(main);
  }

  @Test
  void webPushLivesOnlyInThePushAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.push..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.zerodeplibs..")
        .because("the domain decides what is pushed to whom; RFC 8291 and VAPID are the adapter's")
        .check(main);
  }

  @Test
  void htmlIsParsedOnlyByTheLinkFetcher() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.links..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jsoup..")
        .because("strangers' pages are read in one place, whose rules docs/security.md gives")
        .check(main);
  }

  @Test
  void theDomainImportsNoNettyJdbcJacksonOrLettuce() {
    List<String> banned = new ArrayList<>();
    for (String[] library : List.of(NETTY, JDBC, JACKSON, LETTUCE)) banned.addAll(List.of(library));
    noClasses()
        .that()
        .resideInAPackage("dev.parley.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(banned.toArray(String[]::new))
        .because(
            "the domain is plain Java: the rules of the contract, tested without a socket or a database")
        .check(main);
  }

  @Test
  void theDomainUsesOnlyTheJdkAndSlf4j() {
    classes()
        .that()
        .resideInAPackage("dev.parley.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.slf4j..", "com.ibm.icu..", "dev.parley.domain..")
        .because(
            "arrows point inward: the domain owns its ports and depends on no adapter (ICU is"
                + " Unicode's data, for the nick rules of the contract)")
        .check(main);
  }

  @Test
  void eachPackageDependsOnlyOnThePackagesListedForIt() {
    for (Map.Entry<String, List<String>> e : MAY_USE.entrySet()) {
      String place = e.getKey();
      Set<String> allowed = new HashSet<>(e.getValue());
      allowed.add(place);
      classes()
          .that(inPlace(place))
          .should()
          .onlyDependOnClassesThat(
              describe(
                  "outside dev.parley or in " + allowed,
                  c ->
                      !c.getPackageName().startsWith(ROOT + ".") && !c.getPackageName().equals(ROOT)
                          || allowed.contains(placeOf(c.getPackageName()))))
          .because(
              place
                  + " may use only "
                  + (e.getValue().isEmpty() ? "itself" : String.join(", ", e.getValue())))
          .check(main);
    }
  }

  @Test
  void nothingDependsOnTheWiring() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .because(
            "dev.parley holds the command line and the wiring of a node: it uses every adapter, none uses it")
        .check(main);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.parley.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void eachLibraryStaysInItsAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.store.sql..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JDBC)
        .because("SQL lives in the store")
        .check(main);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.parley.bus..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(LETTUCE)
        .because("Redis lives in the cluster bus")
        .check(main);
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.parley.web..", ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(NETTY)
        .because("Netty lives in the web adapter (and the command line sets its leak detector)")
        .check(main);
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.parley.json..", "dev.parley.archive..", "dev.parley.web..", ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JACKSON)
        .because("JSON is written by the wire encoding, the archives and the HTTP endpoints")
        .check(main);
  }

  @Test
  void everyPackageHasAPlace() {
    classes()
        .that()
        .resideOutsideOfPackage(ROOT)
        .should(
            new ArchCondition<>("have a place in LayeringTest.MAY_USE") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                if (placeOf(c.getPackageName()) == null) {
                  events.add(
                      SimpleConditionEvent.violated(
                          c,
                          c.getName()
                              + " is in "
                              + c.getPackageName()
                              + ", which LayeringTest.MAY_USE does not place"));
                }
              }
            })
        .check(main);
  }

  /** The entry of {@link #MAY_USE} that a package falls under: the longest that contains it. */
  private static String placeOf(String pkg) {
    String best = null;
    for (String p : MAY_USE.keySet()) {
      if ((pkg.equals(p) || pkg.startsWith(p + "."))
          && (best == null || p.length() > best.length())) best = p;
    }
    return best;
  }

  private static DescribedPredicate<JavaClass> inPlace(String place) {
    return describe("belong to " + place, c -> place.equals(placeOf(c.getPackageName())));
  }
}

package org.folio.contacttracing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of style.md, held by the build: features over a platform that knows none of them, HTTP only in
 * the handlers, and no package that needs another which needs it back.
 */
class ArchitectureTest {
  private static final String ROOT = "org.folio.contacttracing";
  private static final String PLATFORM = ROOT + ".platform..";

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  /** A class of a feature package such as {@code mandate} or {@code contactlog}. */
  private static final DescribedPredicate<JavaClass> IN_A_FEATURE = DescribedPredicate.describe("in a feature package",
      javaClass -> javaClass.getPackageName().startsWith(ROOT + ".")
          && !javaClass.getPackageName().startsWith(ROOT + ".platform"));

  /** A feature's HTTP handler ({@code *Api}), with its nested and anonymous classes. */
  private static final DescribedPredicate<JavaClass> HANDLER = DescribedPredicate.describe("an HTTP handler (*Api)",
      javaClass -> javaClass.getName().matches(".*Api(\\$.*)?"));

  /** Stores anywhere, and in the features every record and every class that is not an HTTP handler. */
  private static final DescribedPredicate<JavaClass> DOMAIN_OR_STORE = DescribedPredicate.describe(
      "stores (*Store), and the records and domain types of the features",
      javaClass -> javaClass.getName().matches(".*Store(\\$.*)?")
          || IN_A_FEATURE.test(javaClass) && (javaClass.isRecord() || !HANDLER.test(javaClass)));

  @Test
  void recordsStoresAndDomainTypesDoNotSpeakHttp() {
    ArchRule rule = noClasses().that(DOMAIN_OR_STORE)
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".platform.http..", "io.vertx.ext.web..",
            "io.vertx.core.http..")
        .because("only the handlers turn HTTP into calls; failures by meaning are in platform.failure");
    rule.check(classes);
  }

  @Test
  void platformKnowsNoFeature() {
    ArchRule rule = noClasses().that().resideInAPackage(PLATFORM)
        .should().dependOnClassesThat(DescribedPredicate.describe("are in a feature or the composition root",
            javaClass -> javaClass.getPackageName().startsWith(ROOT)
                && !javaClass.getPackageName().startsWith(ROOT + ".platform")))
        .because("a feature depends on platform, never the other way round");
    rule.check(classes);
  }

  @Test
  void featuresAndPlatformAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void platformPackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".platform.(*)..").should().beFreeOfCycles().check(classes);
  }
}

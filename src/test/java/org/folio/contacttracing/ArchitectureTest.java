package org.folio.contacttracing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  /** Each table with the one store that owns its SQL. */
  static final Map<String, String> OWNER = Map.ofEntries(
      Map.entry("audit_event", "AuditStore"),
      Map.entry("contact_log", "ContactLogStore"),
      Map.entry("data_key", "DataKeyStore"),
      Map.entry("decline_count", "DeclineStore"),
      Map.entry("disclosure", "DisclosureStore"),
      Map.entry("disclosure_release", "DisclosureStore"),
      Map.entry("entry_seal_upgrade", "LegacySealUpgrade"),
      Map.entry("mandate", "MandateStore"),
      Map.entry("mandate_review", "MandateReviewStore"),
      Map.entry("paper_log", "PaperLogStore"),
      Map.entry("pending_erasure", "PendingErasure"),
      Map.entry("retention_run", "RetentionRuns"),
      Map.entry("settings", "SettingsStore"),
      Map.entry("tenant_job", "TenantJobStore"));

  /** A class that names another's table, and why; each entry is a class and a table, "Class table". */
  static final Map<String, String> ALSO_NAMES = Map.ofEntries(
      // contact_log's SQL split by idea: the entries in ContactLogStore, their partitions' files here
      Map.entry("ContactLogErasure contact_log", "the partitions' rewrites, drops and what they still hold"),
      Map.entry("ContactLogErasure pending_erasure", "the days marked for a rewrite are rewritten with the rest"),
      Map.entry("ContactLogRevisions contact_log", "stored entries changed after writing: re-sealed, shortened, repaired"),
      Map.entry("ContactLogRevisions pending_erasure", "each revision marks its day for the rewrite"),
      Map.entry("ContactLogRevisions data_key", "the legacy re-sealing reads entries with their day's wrapped key"),
      // cross-table statements live with the table whose rows they return or change
      Map.entry("ContactLogStore data_key", "entries are read with their day's wrapped key; a visit confirms its key"),
      Map.entry("ContactLogStore pending_erasure", "deleting entries marks their day for the rewrite"),
      Map.entry("DataKeyStore contact_log", "a key is destroyed only when no entry of its day is left"),
      Map.entry("DataKeyStore pending_erasure", "destroying keys marks data_key for the rewrite"),
      Map.entry("PaperLogStore disclosure", "the sheets a disclosure holds"),
      Map.entry("PaperLogStore mandate", "the mandate a sheet is registered under"),
      Map.entry("MandateStore settings", "admission reads the mandates and the settings in one statement"),
      Map.entry("Hold disclosure", "the hold in SQL, beside its Java statement (HoldSqlAgreesTest)"),
      Map.entry("AdmissionStamp mandate", "the one admission condition, in every write that confirms it"),
      Map.entry("ContactLogStore decline_count", "visit counts per day: the entries' counts with the declines'"));

  /** A table named in SQL: through TenantId.table, or after a keyword in a literal. */
  private static final Pattern TABLE = Pattern.compile(
      "table\\(\"(\\w+)\"\\)|\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(\\w+)");

  /** Where {@code source} names a table its class neither owns nor is listed for in {@link #ALSO_NAMES}. */
  static List<String> misplacedTableSql(String className, String source) {
    List<String> found = new ArrayList<>();
    Matcher matcher = TABLE.matcher(source);
    while (matcher.find()) {
      String table = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      if (OWNER.containsKey(table) && !OWNER.get(table).equals(className)
          && !ALSO_NAMES.containsKey(className + " " + table)) {
        found.add(className + " names " + table + ", owned by " + OWNER.get(table));
      }
    }
    return found;
  }

  @Test
  void aTablesSqlAppearsOnlyInItsStore() throws IOException {
    List<String> misplaced = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String className = file.getFileName().toString().replace(".java", "");
        misplaced.addAll(misplacedTableSql(className, Files.readString(file)));
      }
    }
    assertThat(misplaced).as("table SQL outside the table's store").isEmpty();
  }

  @Test
  void theTableRuleCatchesAViolation() {
    assertThat(misplacedTableSql("DisclosureApi", "pool.query(\"SELECT * FROM \" + tenant.table(\"disclosure\"))"))
        .containsExactly("DisclosureApi names disclosure, owned by DisclosureStore");
    assertThat(misplacedTableSql("RetentionApi", "\"DELETE FROM audit_event WHERE true\""))
        .containsExactly("RetentionApi names audit_event, owned by AuditStore");
    assertThat(misplacedTableSql("DisclosureStore", "\"SELECT id FROM \" + tenant.table(\"disclosure\")")).isEmpty();
  }
}

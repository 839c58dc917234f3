package org.folio.contacttracing.platform.cql;

import org.folio.contacttracing.platform.failure.Malformed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.folio.contacttracing.platform.cql.CqlNode.AllRecords;
import org.folio.contacttracing.platform.cql.CqlNode.Bool;
import org.folio.contacttracing.platform.cql.CqlNode.Clause;
import org.folio.contacttracing.platform.cql.CqlNode.Operator;
import org.folio.contacttracing.platform.cql.CqlQuery.SortKey;

/** Generated queries: printed and parsed back unchanged; garbage fails only as the parser's own 400; no value in SQL. */
class CqlPropertiesTest {
  private static final List<String> FIELD_NAMES = List.of("id", "location", "status", "a", "metadata.createdDate",
      "x_1.y2", "sortbyx", "andy", "name");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)::(uuid|date|timestamptz|text|bigint|boolean)");

  @Property(tries = 400)
  void printedQueriesParseBackEqual(@ForAll("queries") CqlQuery query) {
    assertThat(CqlParser.parse(query.toCql())).isEqualTo(query);
  }

  @Property(tries = 1000)
  void garbageFailsOnlyAsTheParsersOwnError(@ForAll("garbage") String text) {
    try {
      CqlQuery parsed = CqlParser.parse(text);
      assertThat(CqlParser.parse(parsed.toCql())).isEqualTo(parsed);
    } catch (CqlException refused) {
      assertThat(refused).isInstanceOf(Malformed.class);
    }
  }

  @Property(tries = 400)
  void mutatedQueriesFailOnlyAsTheParsersOwnError(@ForAll("queries") CqlQuery query,
      @ForAll("edits") List<Integer> edits) {
    StringBuilder text = new StringBuilder(query.toCql());
    String noise = "()\"\\/*?^=<> andorsortby";
    for (int edit : edits) {
      int at = Math.floorMod(edit, text.length() + 1);
      if (edit % 2 == 0 && at < text.length()) {
        text.deleteCharAt(at);
      } else {
        text.insert(at, noise.charAt(Math.floorMod(edit, noise.length())));
      }
    }
    try {
      CqlParser.parse(text.toString());
    } catch (CqlException refused) {
      assertThat(refused).isInstanceOf(Malformed.class);
    }
  }

  @Property(tries = 400)
  void theTranslatorPutsNoValueIntoSql(@ForAll("whitelistedQueries") CqlQuery query, @ForAll("firstParams") int first) {
    SqlSearch sql;
    try {
      sql = Search.of(Optional.of(query.toCql()), SqlTranslatorTest.FIELDS).sql(first);
    } catch (CqlException refused) {
      return; // a term that is not of its field's type, a relation the type does not take
    }
    String text = sql.condition() + " " + sql.orderBy("t.id");
    assertThat(text).doesNotContain("MK");
    Matcher placeholders = PLACEHOLDER.matcher(text);
    List<Integer> numbers = new ArrayList<>();
    while (placeholders.find()) {
      numbers.add(Integer.parseInt(placeholders.group(1)));
    }
    assertThat(numbers).hasSize(sql.params().size());
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(numbers.get(i)).isEqualTo(first + i);
    }
    // what remains is the whitelist's expressions and the translator's own words
    String rest = PLACEHOLDER.matcher(text).replaceAll("")
        .replaceAll("t\\.(id|location|day|at|status|held|count|created)|lower|COALESCE|AND|OR|NOT|TRUE|FALSE|LIKE"
            + "|ESCAPE '\\\\'|ASC|DESC|NULLS LAST", "");
    assertThat(rest).matches("[\\s(),=<>]*");
  }

  @Provide
  Arbitrary<Integer> firstParams() {
    return Arbitraries.integers().between(1, 9);
  }

  @Provide
  Arbitrary<List<Integer>> edits() {
    return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<CqlQuery> queries() {
    return query(Arbitraries.of(FIELD_NAMES), term());
  }

  @Provide
  Arbitrary<CqlQuery> whitelistedQueries() {
    Arbitrary<String> fields = Arbitraries.of("id", "location", "day", "at", "status", "held", "count",
        "metadata.createdDate");
    Arbitrary<String> terms = Arbitraries.oneOf(Arbitraries.of("pending", "approved", "true", "false", "3", "-7",
        "2026-03-01", "2026-03-01T10:00:00Z", "6f1c2b3a-4d5e-4f60-8a7b-1c2d3e4f5a6b"),
        term().map(t -> "MK" + t));
    return query(fields, terms);
  }

  private static Arbitrary<CqlQuery> query(Arbitrary<String> fields, Arbitrary<String> terms) {
    Arbitrary<List<SortKey>> sort = Combinators.combine(fields, Arbitraries.of(true, false)).as(SortKey::new)
        .list().ofMaxSize(CqlParser.MAX_SORT_KEYS);
    return Combinators.combine(node(fields, terms, 4), sort).as(CqlQuery::new);
  }

  private static Arbitrary<CqlNode> node(Arbitrary<String> fields, Arbitrary<String> terms, int depth) {
    Arbitrary<CqlNode> clause = Combinators.combine(fields, Arbitraries.of(Relation.class), terms,
        Arbitraries.of(true, false)).as(Clause::new);
    Arbitrary<CqlNode> leaf = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, clause), net.jqwik.api.Tuple.of(1, Arbitraries.just(new AllRecords())));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<CqlNode> bool = Combinators.combine(Arbitraries.of(Operator.class), node(fields, terms, depth - 1),
        node(fields, terms, depth - 1)).as(Bool::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, bool));
  }

  /** Terms with every character the parser must quote or escape, and none it refuses. */
  private static Arbitrary<String> term() {
    return Arbitraries.strings().withChars("ab Z9-_.:+'\";%$\\*?^()/=<>\té").ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> garbage() {
    Arbitrary<String> tokens = Arbitraries.of("(", ")", "\"", "\\", "/", "*", "?", "^", "=", "==", "<>", "<", ">=",
        " ", "and", "or", "not", "prox", "sortby", "cql.allRecords", "1", "status", "sort.descending", "x", "\u0000",
        "\ud800", "'", ";", "--");
    return Arbitraries.oneOf(tokens.list().ofMaxSize(30).map(list -> String.join("", list)),
        Arbitraries.strings().ofMaxLength(60));
  }
}

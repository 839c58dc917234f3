package org.folio.contacttracing.platform.cql;

import org.folio.contacttracing.platform.failure.Malformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.folio.contacttracing.platform.cql.CqlNode.AllRecords;
import org.folio.contacttracing.platform.cql.CqlNode.Bool;
import org.folio.contacttracing.platform.cql.CqlNode.Clause;
import org.folio.contacttracing.platform.cql.CqlNode.Operator;
import org.folio.contacttracing.platform.cql.CqlQuery.SortKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CqlParserTest {

  @Test
  void stripesAllRecordsWithSort() {
    CqlQuery query = CqlParser.parse("cql.allRecords=1 sortby name");
    assertThat(query.where()).isEqualTo(new AllRecords());
    assertThat(query.sortKeys()).containsExactly(new SortKey("name", false));
  }

  @Test
  void stripesFilterWithDescendingSort() {
    CqlQuery query = CqlParser.parse("(status==\"pending\") sortby metadata.createdDate/sort.descending");
    assertThat(query.where()).isEqualTo(new Clause("status", Relation.EXACT, "pending", false));
    assertThat(query.sortKeys()).containsExactly(new SortKey("metadata.createdDate", true));
  }

  @Test
  void booleansBindEquallyFromTheLeftAndParenthesesGroup() {
    Clause a = new Clause("a", Relation.EQUALS, "1", false);
    Clause b = new Clause("b", Relation.LESS, "2", false);
    Clause c = new Clause("c", Relation.NOT_EQUAL, "3", false);
    assertThat(CqlParser.parse("a=1 and b<2 or c<>3").where())
        .isEqualTo(new Bool(Operator.OR, new Bool(Operator.AND, a, b), c));
    assertThat(CqlParser.parse("a=1 AND (b<2 Or c<>3)").where())
        .isEqualTo(new Bool(Operator.AND, a, new Bool(Operator.OR, b, c)));
    assertThat(CqlParser.parse("cql.allRecords=1 not c<>3").where())
        .isEqualTo(new Bool(Operator.NOT, new AllRecords(), c));
  }

  @Test
  void everyRelation() {
    for (Relation relation : Relation.values()) {
      assertThat(CqlParser.parse("f" + relation.symbol() + "x").where())
          .isEqualTo(new Clause("f", relation, "x", false));
    }
  }

  @Test
  void escapesAndRightTruncation() {
    assertThat(CqlParser.parse("name==\"a \\\"b\\\" \\* \\\\\"").where())
        .isEqualTo(new Clause("name", Relation.EXACT, "a \"b\" * \\", false));
    assertThat(CqlParser.parse("name=\"Main*\"").where()).isEqualTo(new Clause("name", Relation.EQUALS, "Main", true));
    assertThat(CqlParser.parse("name=Main*").where()).isEqualTo(new Clause("name", Relation.EQUALS, "Main", true));
    assertThat(CqlParser.parse("name=\"Main\\*\"").where()).isEqualTo(new Clause("name", Relation.EQUALS, "Main*", false));
  }

  @Test
  void severalSortKeys() {
    assertThat(CqlParser.parse("a==1 SORTBY b/sort.ascending c/sort.descending d").sortKeys())
        .containsExactly(new SortKey("b", false), new SortKey("c", true), new SortKey("d", false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "pending", "status", "status==", "==x", "(status==x", "status==x)",
      "status==x and", "status==x sortby", "status==x sortby a/sort.sideways", "status all x", "status==/masked x",
      "a==1 prox b==2", "a==1 and/rel.x b==2", "\"status\"==x", "a==x*y", "a==?x", "a==^x", "a==\"unclosed",
      "a==x\\", "a==1 b==2", "sortby a", "and==1", "cql.allRecords=2", "cql.allRecords<1", "a==\u0000",
      "a==\ud800", "1a==x", "a..b==x"})
  void outsideTheSubsetIsTheParsersOwnError(String text) {
    assertThatThrownBy(() -> CqlParser.parse(text)).isInstanceOf(CqlException.class)
        .satisfies(e -> assertThat(e).isInstanceOf(Malformed.class));
  }

  @Test
  void errorsNeverRepeatATerm() {
    for (String text : List.of("a==MKSECRETTERM*x", "a==\"MKSECRETTERM", "a==MKSECRETTERM b", "a all MKSECRETTERM")) {
      assertThatThrownBy(() -> CqlParser.parse(text)).isInstanceOf(CqlException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MKSECRETTERM"));
    }
  }

  @Test
  void hostileSizesAreRefusedBeforeTheyCostAnything() {
    assertThatThrownBy(() -> CqlParser.parse("(".repeat(100_000) + "a==1" + ")".repeat(100_000)))
        .isInstanceOf(CqlException.class).hasMessageContaining("at most " + CqlParser.MAX_LENGTH);
    assertThatThrownBy(() -> CqlParser.parse("(".repeat(21) + "a==1" + ")".repeat(21)))
        .isInstanceOf(CqlException.class).hasMessageContaining("nest");
    assertThat(CqlParser.parse("(".repeat(20) + "a==1" + ")".repeat(20)).where())
        .isEqualTo(new Clause("a", Relation.EXACT, "1", false));
    assertThatThrownBy(() -> CqlParser.parse("a==1" + " or a==1".repeat(CqlParser.MAX_CLAUSES)))
        .isInstanceOf(CqlException.class).hasMessageContaining("clauses");
    assertThatThrownBy(() -> CqlParser.parse("a==1 sortby a b c d e f")).isInstanceOf(CqlException.class);
  }
}

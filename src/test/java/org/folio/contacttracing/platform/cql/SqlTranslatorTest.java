package org.folio.contacttracing.platform.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlTranslatorTest {
  static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "t.id", FieldType.UUID),
      SearchField.of("location", "t.location", FieldType.TEXT),
      SearchField.of("day", "t.day", FieldType.DATE),
      SearchField.of("at", "t.at", FieldType.TIMESTAMP),
      SearchField.oneOf("status", "t.status", List.of("pending", "approved")),
      SearchField.of("held", "t.held", FieldType.BOOLEAN),
      SearchField.of("count", "t.count", FieldType.INTEGER),
      SearchField.of("metadata.createdDate", "t.created", FieldType.TIMESTAMP))
      .withPersonal(Set.of("name", "phone", "email", "partySize", "contactDetails"));

  private static SqlSearch sql(String query, int firstParam) {
    return Search.of(Optional.of(query), FIELDS).sql(firstParam);
  }

  @Test
  void clausesBecomeTypedParametersNumberedAfterTheStores() {
    SqlSearch search = sql("status==pending and (day>=2026-03-01 or count<3) not held==true sortby at/sort.descending location", 4);
    assertThat(search.condition()).isEqualTo("((t.status = $4::text AND (t.day >= $5::date OR t.count < $6::bigint))"
        + " AND NOT COALESCE(t.held = $7::boolean, FALSE))");
    assertThat(search.params()).containsExactly("pending", LocalDate.parse("2026-03-01"), 3L, true);
    assertThat(search.orderBy("t.id")).isEqualTo("t.at DESC NULLS LAST, t.location ASC NULLS LAST, t.id");
  }

  @Test
  void allRecordsAndNoQuery() {
    assertThat(sql("cql.allRecords=1", 1)).isEqualTo(new SqlSearch("TRUE", List.of(), ""));
    assertThat(Search.of(Optional.empty(), FIELDS).sql(3)).isEqualTo(new SqlSearch("TRUE", List.of(), ""));
    assertThat(new SqlSearch("TRUE", List.of(), "").orderBy("t.id")).isEqualTo("t.id");
  }

  @Test
  void textEqualsIgnoresCaseAndStarMeansStartsWithEscapedForLike() {
    assertThat(sql("location=Main", 1).condition()).isEqualTo("lower(t.location) = lower($1::text)");
    assertThat(sql("location==Main", 1).condition()).isEqualTo("t.location = $1::text");
    SqlSearch like = sql("location==\"50%_off\\\\*\"", 1);
    assertThat(like.condition()).isEqualTo("t.location LIKE $1::text ESCAPE '\\'");
    assertThat(like.params()).containsExactly("50\\%\\_off\\\\%");
    assertThat(sql("location<>a*", 1).condition()).isEqualTo("t.location NOT LIKE $1::text ESCAPE '\\'");
  }

  @Test
  void valuesParseAsTheFieldsType() {
    UUID id = UUID.randomUUID();
    assertThat(sql("id==" + id, 1).params()).containsExactly(id);
    assertThat(sql("at>2026-03-01T10:00:00+01:00", 1).params())
        .containsExactly(OffsetDateTime.parse("2026-03-01T10:00:00+01:00"));
    assertThat(sql("metadata.createdDate>=2026-03-01", 1).params())
        .containsExactly(OffsetDateTime.parse("2026-03-01T00:00:00Z"));
    for (String bad : List.of("id==nope", "id==1", "day==2026-02-30", "day==+99999-01-01", "at>yesterday",
        "status==PENDING", "held==yes", "count==1.5", "count==99999999999999999999")) {
      assertThatThrownBy(() -> sql(bad, 1)).as(bad).isInstanceOf(CqlException.class);
    }
  }

  @Test
  void relationsAndTruncationOnlyWhereTheyMeanSomething() {
    for (String bad : List.of("status<pending", "id>" + UUID.randomUUID(), "held>=true", "day==2026*",
        "location<a*", "count=1*")) {
      assertThatThrownBy(() -> sql(bad, 1)).as(bad).isInstanceOf(CqlException.class);
    }
  }

  @Test
  void personalFieldsAreRefusedAsSuchWithoutTheValue() {
    for (String query : List.of("name==\"Ada MKSECRET\"", "email=x*", "phone<>1", "partySize>2", "contactDetails.name==x",
        "location==x sortby email", "cql.allRecords=1 sortby name/sort.descending")) {
      assertThatThrownBy(() -> sql(query, 1)).as(query).isInstanceOf(CqlException.class)
          .hasMessageContaining("personal data, stored encrypted").hasMessageNotContaining("MKSECRET")
          .hasMessageNotContaining("Ada");
    }
  }

  @Test
  void unknownFieldsAreNamed() {
    assertThatThrownBy(() -> sql("barcode==123", 1)).isInstanceOf(CqlException.class)
        .hasMessageContaining("Unknown field barcode").hasMessageContaining("location").hasMessageNotContaining("123");
    assertThatThrownBy(() -> sql("cql.allRecords=1 sortby userId", 1)).hasMessageContaining("Unknown field userId");
  }

  @Test
  void sqlMetacharactersStayInParameters() {
    SqlSearch search = sql("location==\"x'); DROP TABLE t; --\" or location=\"$1\"", 1);
    assertThat(search.condition()).doesNotContain("DROP", "'x", "--").contains("$1::text", "$2::text");
    assertThat(search.params()).containsExactly("x'); DROP TABLE t; --", "$1");
    assertThat(Set.copyOf(FIELDS.names())).contains("metadata.createdDate");
  }
}

package org.folio.contacttracing.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.folio.contacttracing.platform.Metadata;
import org.folio.contacttracing.platform.db.Page;
import org.folio.contacttracing.platform.db.TransactionLock;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.Search;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;
import org.folio.contacttracing.platform.db.Paging;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.folio.contacttracing.settings.Settings;

/** Mandates of each tenant, in its {@code mandate} table. */
public final class MandateStore implements MandateLookup {
  private static final String COLUMNS = "id, authority_type, authority_name, reference, effective_from, "
      + "effective_until, review_by, collected_fields, retention_days, locations, "
      + "created_date, created_by_user_id, updated_date, updated_by_user_id, optional_fields, require_one_of";
  /**
   * A mandate {@code m} covering location {@code $3} that may be in force on some day from {@code $1} to
   * {@code $2}: the library days a moment can fall on in any time zone.
   */
  private static final String IN_FORCE_AROUND = "m.effective_from <= $2"
      + " AND (m.effective_until IS NULL OR m.effective_until >= $1)"
      + " AND (cardinality(m.locations) = 0 OR $3 = ANY(m.locations))";

  private final Pool pool;

  public MandateStore(Pool pool) {
    this.pool = pool;
  }

  /** What a {@code query} on mandates may search and sort by; {@code $2} is the library's today in every listing. */
  public static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "id", FieldType.UUID),
      SearchField.oneOf("authority.type", "authority_type", List.of("law", "public-health-agency", "elected-official")),
      SearchField.of("authority.name", "authority_name", FieldType.TEXT),
      SearchField.of("reference", "reference", FieldType.TEXT),
      SearchField.of("effectiveFrom", "effective_from", FieldType.DATE),
      SearchField.of("effectiveUntil", "effective_until", FieldType.DATE),
      SearchField.of("reviewBy", "review_by", FieldType.DATE),
      SearchField.of("retentionDays", "retention_days", FieldType.INTEGER),
      // the same rule as Mandate.status and Mandate.reviewDue, on the day the request is answered
      SearchField.oneOf("status", "(CASE WHEN effective_from > $2::date THEN 'scheduled'"
          + " WHEN effective_until < $2::date THEN 'ended' ELSE 'in-force' END)", List.of("scheduled", "in-force", "ended")),
      SearchField.of("reviewDue", "(review_by <= $2::date)", FieldType.BOOLEAN),
      SearchField.of("metadata.createdDate", "created_date", FieldType.TIMESTAMP),
      SearchField.of("metadata.createdByUserId", "created_by_user_id", FieldType.UUID),
      SearchField.of("metadata.updatedDate", "updated_date", FieldType.TIMESTAMP),
      SearchField.of("metadata.updatedByUserId", "updated_by_user_id", FieldType.UUID));
  /** With a location {@code $1}, only mandates covering it; {@code $2} is typed even where no field uses it. */
  private static final String LISTING = " WHERE ($1::text IS NULL OR cardinality(locations) = 0 OR $1 = ANY(locations))"
      + " AND $2::date IS NOT NULL";

  /** A page of mandates, oldest effectiveFrom first as the RAML promises, unless the search sorts. */
  public Future<Page<Mandate>> list(TenantId tenant, Optional<String> location, Search search, LocalDate today,
      Paging paging) {
    return Page.search(pool, COLUMNS, tenant.table("mandate"), LISTING, new Object[] {location.orElse(null), today},
        search, "effective_from, id", paging, MandateStore::map);
  }

  /** Every mandate the search finds, by reviewBy (then effectiveFrom) unless it sorts; a library has a handful. */
  public Future<List<Mandate>> matching(TenantId tenant, Search search, LocalDate today) {
    var sql = search.sql(3);
    List<Object> params = new ArrayList<>(Arrays.asList(null, today));
    params.addAll(sql.params());
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("mandate") + LISTING + " AND "
            + sql.condition() + " ORDER BY " + sql.orderBy("review_by, effective_from, id"))
        .execute(Tuple.from(params))
        .map(MandateStore::map);
  }

  /** Every mandate of the tenant, oldest effectiveFrom first; a library has a handful. */
  public Future<List<Mandate>> all(TenantId tenant) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("mandate") + " ORDER BY effective_from, id")
        .execute()
        .map(MandateStore::map);
  }

  public Future<Optional<Mandate>> find(TenantId tenant, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("mandate") + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> map(rows).stream().findFirst());
  }

  /** The rule is {@link Mandate#inForce}; the SQL only narrows the mandates it looks at. */
  private static Future<Optional<Mandate>> findInForce(SqlClient client, TenantId tenant, String location, LocalDate day) {
    return client.preparedQuery("SELECT " + columns("m") + " FROM " + tenant.table("mandate") + " m WHERE "
            + IN_FORCE_AROUND)
        .execute(Tuple.of(day, day, location))
        .map(rows -> Mandate.inForce(map(rows), location, day));
  }

  @Override
  public Future<AdmissionRules> admissionRules(SqlClient client, TenantId tenant, String location, Instant at) {
    // one row even without settings or mandates; the settings row is read with LIMIT 1 so that no estimate of the
    // small, never-analysed tables multiplies through the join
    return client.preparedQuery("SELECT s.time_zone AS settings_time_zone, s.time_granularity_minutes AS"
            + " settings_granularity, m.stamp AS mandate_stamp, " + columns("m")
            + " FROM (SELECT 1) one LEFT JOIN (SELECT time_zone, time_granularity_minutes FROM "
            + tenant.table("settings") + " LIMIT 1) s ON true"
            + " LEFT JOIN " + tenant.table("mandate") + " m ON " + IN_FORCE_AROUND)
        .execute(Tuple.of(TimeBucket.earliestLibraryDay(at), TimeBucket.latestLibraryDay(at), location))
        .map(rows -> {
          Row first = rows.iterator().next();
          List<Mandate> candidates = new ArrayList<>();
          Map<UUID, UUID> stamps = new HashMap<>();
          for (Row row : rows) {
            if (row.getUUID("id") != null) {
              Mandate mandate = toMandate(row);
              candidates.add(mandate);
              stamps.put(mandate.id(), row.getUUID("mandate_stamp"));
            }
          }
          candidates.sort(Comparator.comparing(Mandate::effectiveFrom).reversed());
          String zone = first.getString("settings_time_zone");
          return zone == null
              ? new AdmissionRules(Settings.DEFAULTS.timeZone(), Settings.DEFAULTS.timeGranularityMinutes(),
                  candidates, stamps)
              : new AdmissionRules(ZoneId.of(zone), first.getInteger("settings_granularity"), candidates, stamps);
        });
  }

  /** The columns {@link #toMandate} reads, of the mandate table under {@code alias}. */
  public static String columns(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  @Override
  public Future<Optional<Mandate>> findInForce(TenantId tenant, String location, LocalDate day) {
    return findInForce(pool, tenant, location, day);
  }

  @Override
  public Future<List<Mandate>> findAllInForce(TenantId tenant, LocalDate day) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("mandate")
            + " WHERE effective_from <= $1 AND (effective_until IS NULL OR effective_until >= $1)")
        .execute(Tuple.of(day))
        .map(rows -> Mandate.allInForce(map(rows), day));
  }

  /**
   * Inserts a new mandate, or replaces an existing one, unless it overlaps another. Serialised per tenant with
   * an advisory lock, so two overlapping mandates cannot both pass the check at the same moment.
   *
   * @param inSameTransaction runs after the write, with the mandate as it was before (none for a new one), read
   *     under the lock
   * @return whether a row was written (false: the id to replace does not exist)
   */
  public Future<Boolean> save(TenantId tenant, Mandate mandate, boolean insert,
      BiFunction<SqlClient, Optional<Mandate>, Future<Void>> inSameTransaction) {
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("mandate"))
        .compose(locked -> conn.preparedQuery("SELECT " + COLUMNS + " FROM " + tenant.table("mandate"))
            .execute())
        .compose(all -> {
          List<Mandate> mandates = map(all);
          Optional<Mandate> previous = mandates.stream().filter(m -> m.id().equals(mandate.id())).findFirst();
          Optional<Mandate> clash = mandates.stream().filter(m -> !m.id().equals(mandate.id()))
              .filter(mandate::overlaps).findFirst();
          if (clash.isPresent()) {
            return Future.failedFuture(new Invalid("mandate_overlap", "effectiveFrom",
                "The mandate overlaps mandate " + clash.get().id() + " in period and location"));
          }
          return (insert ? insert(conn, tenant, mandate) : update(conn, tenant, mandate))
              .compose(saved -> saved ? inSameTransaction.apply(conn, previous).map(true)
                  : Future.succeededFuture(false));
        }))
        .recover(failure -> Future.failedFuture(failure instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? new Conflict("A mandate with this id already exists")
            : failure));
  }

  private Future<Boolean> insert(SqlConnection conn, TenantId tenant, Mandate mandate) {
    return conn.preparedQuery("INSERT INTO " + tenant.table("mandate") + " (" + COLUMNS + ") VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
        .execute(tuple(mandate))
        .map(rows -> true);
  }

  private Future<Boolean> update(SqlConnection conn, TenantId tenant, Mandate mandate) {
    return conn.preparedQuery("UPDATE " + tenant.table("mandate") + " SET authority_type = $2, authority_name = $3, "
            + "reference = $4, effective_from = $5, effective_until = $6, review_by = $7, collected_fields = $8, "
            + "retention_days = $9, locations = $10, updated_date = $11, updated_by_user_id = $12, optional_fields = $13, "
            + "require_one_of = $14 WHERE id = $1")
        // without the created_* values: PostgreSQL cannot type parameters a statement does not use (42P18)
        .execute(updateTuple(mandate))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Deletes a mandate no entry depends on.
   *
   * @return false when there is no such mandate
   */
  public Future<Boolean> delete(TenantId tenant, UUID id, Function<SqlClient, Future<Void>> inSameTransaction) {
    return pool.withTransaction(conn -> TransactionLock.acquire(conn, tenant.table("mandate"))
        .compose(locked -> conn.preparedQuery("DELETE FROM " + tenant.table("mandate") + " WHERE id = $1")
            .execute(Tuple.of(id)))
        .compose(rows -> rows.rowCount() > 0
            ? inSameTransaction.apply(conn).map(true)
            : Future.succeededFuture(false)))
        .recover(failure -> Future.failedFuture(failure instanceof PgException pg && "23503".equals(pg.getSqlState())
            ? new Conflict("Entries logged under this mandate still exist; end the mandate by setting "
                + "effectiveUntil, and it can be deleted once its entries are destroyed")
            : failure));
  }

  private static Tuple tuple(Mandate mandate) {
    Metadata metadata = mandate.metadata().orElseThrow();
    return Tuple.from(new Object[] {
        mandate.id(),
        mandate.authority().type(),
        mandate.authority().name(),
        mandate.reference(),
        mandate.effectiveFrom(),
        mandate.effectiveUntil().orElse(null),
        mandate.reviewBy(),
        mandate.collectedFields().stream().map(ContactField::property).toArray(String[]::new),
        mandate.retentionDays(),
        mandate.locations().toArray(String[]::new),
        metadata.createdAt(),
        metadata.createdByUserId().orElse(null),
        metadata.updatedAt(),
        metadata.updatedByUserId().orElse(null),
        FieldRules.sorted(mandate.fieldRules().optional()).toArray(String[]::new),
        new JsonArray(mandate.fieldRules().requireOneOf().stream()
            .map(group -> new JsonArray(FieldRules.sorted(group))).toList())});
  }

  private static Tuple updateTuple(Mandate mandate) {
    Tuple all = tuple(mandate);
    Tuple update = Tuple.tuple();
    for (int i = 0; i < 10; i++) {
      update.addValue(all.getValue(i));
    }
    return update.addValue(all.getValue(12)).addValue(all.getValue(13)).addValue(all.getValue(14))
        .addValue(all.getValue(15));
  }

  private static List<Mandate> map(RowSet<Row> rows) {
    List<Mandate> mandates = new ArrayList<>();
    rows.forEach(row -> mandates.add(toMandate(row)));
    return mandates;
  }

  /** A mandate from a row holding the columns of {@link #columns} under their own names. */
  public static Mandate toMandate(Row row) {
    Function<String, Set<ContactField>> fields = column -> {
      Set<ContactField> set = new LinkedHashSet<>();
      Arrays.stream(row.getArrayOfStrings(column)).forEach(p -> ContactField.ofProperty(p).ifPresent(set::add));
      return java.util.Collections.unmodifiableSet(set);
    };
    return new Mandate(
        row.getUUID("id"),
        new Authority(row.getString("authority_type"), row.getString("authority_name")),
        row.getString("reference"),
        row.getLocalDate("effective_from"),
        Optional.ofNullable(row.getLocalDate("effective_until")),
        row.getLocalDate("review_by"),
        fields.apply("collected_fields"),
        new FieldRules(fields.apply("optional_fields"), ((JsonArray) row.getValue("require_one_of")).stream()
            .map(group -> {
              Set<ContactField> set = new LinkedHashSet<>();
              ((JsonArray) group).forEach(p -> ContactField.ofProperty((String) p).ifPresent(set::add));
              return set;
            }).toList()),
        row.getInteger("retention_days"),
        List.of(row.getArrayOfStrings("locations")),
        Optional.of(Metadata.from(row)));
  }

  /** The fields each mandate collects now, by its id; a stored name no field has any longer is left out. */
  public static Future<Map<UUID, Set<ContactField>>> collectedFieldsById(SqlClient client, TenantId tenant) {
    return client.query("SELECT id, collected_fields FROM " + tenant.table("mandate")).execute().map(rows -> {
      Map<UUID, Set<ContactField>> fields = new HashMap<>();
      rows.forEach(row -> fields.put(row.getUUID("id"), Arrays.stream(row.getArrayOfStrings("collected_fields"))
          .flatMap(property -> ContactField.ofProperty(property).stream()).collect(Collectors.toSet())));
      return fields;
    });
  }
}

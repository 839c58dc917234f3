package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.folio.contacttracing.mandate.AdmissionStamp;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.crypto.DataKeyWrapper;
import org.folio.contacttracing.platform.tenant.TenantId;
import org.junit.jupiter.api.Test;

/**
 * Group commit, without a database: the statements it sends are held open by the test, which then decides how
 * each ends. So what waits for what is stated exactly, and no assertion depends on timing.
 */
class GroupCommitTest {
  private static final TenantId DIKU = new TenantId("diku");
  private static final TenantId OTHER = new TenantId("other");

  /** One statement sent: the tenant, the entries in it, and how it ends. */
  private record Statement(TenantId tenant, List<UUID> ids, Promise<Set<UUID>> outcome) {
    void storesAll() {
      outcome.complete(Set.copyOf(ids));
    }
  }

  private final List<Statement> sent = new ArrayList<>();
  private final GroupCommit commits = new GroupCommit((tenant, batch) -> {
    Statement statement = new Statement(tenant, batch.stream().map(p -> p.entry().id()).toList(), Promise.promise());
    sent.add(statement);
    return statement.outcome().future();
  });

  private static ContactLogStore.Pending visit() {
    UUID mandate = UUID.randomUUID();
    ContactLog entry = new ContactLog(UUID.randomUUID(), mandate, "main-desk",
        new TimeBucket(Instant.parse("2026-03-02T10:00:00Z"), 15, LocalDate.parse("2026-03-02")),
        Instant.parse("2026-03-24T00:00:00Z"), ContactDetails.fromJson(new JsonObject().put("name", "Ada")));
    return new ContactLogStore.Pending(entry, new byte[16], new AdmissionStamp(mandate, UUID.randomUUID()),
        new DataKeyWrapper.Wrapped("kek", new byte[16]));
  }

  private static UUID id(ContactLogStore.Pending pending) {
    return pending.entry().id();
  }

  @Test
  void aVisitAtAQuietDeskIsWrittenAtOnceAndAlone() {
    ContactLogStore.Pending only = visit();
    Future<Boolean> stored = commits.store(DIKU, only);

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).ids()).containsExactly(id(only));
    assertThat(stored.isComplete()).as("answered only once its row is committed").isFalse();
    sent.get(0).storesAll();
    assertThat(stored.result()).isTrue();
  }

  @Test
  void visitsArrivingWhileAWriteIsInFlightAreStoredTogetherByTheNextStatement() {
    ContactLogStore.Pending first = visit();
    List<ContactLogStore.Pending> later = List.of(visit(), visit(), visit());
    Future<Boolean> firstStored = commits.store(DIKU, first);
    List<Future<Boolean>> laterStored = later.stream().map(p -> commits.store(DIKU, p)).toList();

    assertThat(sent).as("nothing more is sent while a write is in flight").hasSize(1);
    sent.get(0).storesAll();

    assertThat(firstStored.result()).isTrue();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).ids()).containsExactlyElementsOf(later.stream().map(GroupCommitTest::id).toList());
    assertThat(laterStored).as("not answered before their own statement commits").noneMatch(Future::isComplete);
    sent.get(1).storesAll();
    assertThat(laterStored).allMatch(stored -> stored.result());
  }

  @Test
  void aVisitWhoseAdmissionNoLongerHoldsFailsNoOtherInItsBatch() {
    commits.store(DIKU, visit());
    ContactLogStore.Pending kept = visit();
    ContactLogStore.Pending stale = visit();
    ContactLogStore.Pending alsoKept = visit();
    Future<Boolean> keptStored = commits.store(DIKU, kept);
    Future<Boolean> staleStored = commits.store(DIKU, stale);
    Future<Boolean> alsoKeptStored = commits.store(DIKU, alsoKept);
    sent.get(0).storesAll();

    sent.get(1).outcome().complete(Set.of(id(kept), id(alsoKept)));

    assertThat(keptStored.result()).isTrue();
    assertThat(alsoKeptStored.result()).isTrue();
    assertThat(staleStored.result()).as("answered: to be admitted anew, not failed").isFalse();
    assertThat(sent).as("no statement more for a stale admission").hasSize(2);
  }

  @Test
  void aBatchThatFailsInTheDatabaseIsWrittenAgainVisitByVisitAndEachGetsItsOwnAnswer() {
    commits.store(DIKU, visit());
    List<ContactLogStore.Pending> batch = List.of(visit(), visit(), visit());
    List<Future<Boolean>> answers = batch.stream().map(p -> commits.store(DIKU, p)).toList();
    sent.get(0).storesAll();

    sent.get(1).outcome().fail(new IllegalStateException("the batch's statement failed"));

    assertThat(answers).as("no one is answered with the batch's failure").noneMatch(Future::isComplete);
    List<Statement> alone = sent.subList(2, sent.size());
    assertThat(alone).hasSize(3).allMatch(statement -> statement.ids().size() == 1);
    assertThat(alone.stream().map(s -> s.ids().get(0)).toList())
        .containsExactlyInAnyOrderElementsOf(batch.stream().map(GroupCommitTest::id).toList());
    RuntimeException ownFailure = new IllegalStateException("this visit's own failure");
    alone.get(0).storesAll();
    alone.get(1).outcome().fail(ownFailure);
    alone.get(2).outcome().complete(Set.of());
    Statement failed = alone.get(1);
    for (int i = 0; i < batch.size(); i++) {
      Future<Boolean> answer = answers.get(i);
      UUID visit = id(batch.get(i));
      if (visit.equals(alone.get(0).ids().get(0))) {
        assertThat(answer.result()).isTrue();
      } else if (visit.equals(failed.ids().get(0))) {
        assertThat(answer.cause()).isSameAs(ownFailure);
      } else {
        assertThat(answer.result()).as("its admission no longer held").isFalse();
      }
    }
  }

  @Test
  void aWriteOfAnotherTenantDoesNotWait() {
    commits.store(DIKU, visit());
    Future<Boolean> other = commits.store(OTHER, visit());

    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).tenant()).isEqualTo(OTHER);
    sent.get(1).storesAll();
    assertThat(other.result()).isTrue();
  }

  @Test
  void aStatementHoldsAtMostMaxBatchVisitsAndTheRestGoNext() {
    commits.store(DIKU, visit());
    int waiting = GroupCommit.MAX_BATCH + 20;
    List<Future<Boolean>> answers = IntStream.range(0, waiting).mapToObj(i -> commits.store(DIKU, visit())).toList();
    sent.get(0).storesAll();
    assertThat(sent.get(1).ids()).hasSize(GroupCommit.MAX_BATCH);
    sent.get(1).storesAll();
    assertThat(sent.get(2).ids()).hasSize(20);
    sent.get(2).storesAll();
    assertThat(answers).allMatch(stored -> stored.result());
    assertThat(answers.stream().map(Future::result).collect(Collectors.toSet())).containsOnly(true);
  }

  @Test
  void onceEverythingIsAnsweredTheNextVisitIsWrittenAtOnceAgain() {
    commits.store(DIKU, visit());
    commits.store(DIKU, visit());
    sent.get(0).storesAll();
    sent.get(1).storesAll();

    commits.store(DIKU, visit());
    assertThat(sent).as("no write in flight: sent at once").hasSize(3);
  }
}

package org.folio.contacttracing.mandate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The slot a visit is stored in: cut on the library's wall clock, whatever the zone and DST do. */
class TimeBucketTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

  private static TimeBucket bucket(String instant, ZoneId zone, int minutes) {
    return TimeBucket.of(Instant.parse(instant), zone, minutes);
  }

  @ParameterizedTest
  @CsvSource({
      "2026-03-02T10:00:00Z,     2026-03-02T10:00:00Z",
      "2026-03-02T10:07:33Z,     2026-03-02T10:00:00Z",
      "2026-03-02T10:14:59.999Z, 2026-03-02T10:00:00Z",
      "2026-03-02T10:15:00Z,     2026-03-02T10:15:00Z",
      "2026-03-02T10:29:00Z,     2026-03-02T10:15:00Z",
      "2026-03-02T10:30:00Z,     2026-03-02T10:30:00Z",
      "2026-03-02T10:44:59Z,     2026-03-02T10:30:00Z",
      "2026-03-02T10:45:00Z,     2026-03-02T10:45:00Z",
      "2026-03-02T10:59:59.999Z, 2026-03-02T10:45:00Z"})
  void fifteenMinuteSlotsInUtc(String at, String expectedStart) {
    TimeBucket b = bucket(at, UTC, 15);
    assertThat(b.start()).isEqualTo(Instant.parse(expectedStart));
    assertThat(b.minutes()).isEqualTo(15);
    assertThat(b.end()).isEqualTo(Instant.parse(expectedStart).plusSeconds(15 * 60));
    assertThat(b.day()).isEqualTo(LocalDate.of(2026, 3, 2));
  }

  @ParameterizedTest
  @CsvSource({
      "5,  2026-03-02T10:35:00Z",
      "10, 2026-03-02T10:30:00Z",
      "15, 2026-03-02T10:30:00Z",
      "30, 2026-03-02T10:30:00Z",
      "60, 2026-03-02T10:00:00Z"})
  void everyAllowedGranularity(int minutes, String expectedStart) {
    TimeBucket b = bucket("2026-03-02T10:37:12Z", UTC, minutes);
    assertThat(b.start()).isEqualTo(Instant.parse(expectedStart));
    assertThat(b.end()).isEqualTo(b.start().plusSeconds(minutes * 60L));
  }

  @Test
  void theVisitLiesInItsSlot() {
    Instant at = Instant.parse("2026-03-02T10:37:12Z");
    TimeBucket b = TimeBucket.of(at, CHICAGO, 15);
    assertThat(b.start()).isBeforeOrEqualTo(at);
    assertThat(b.end()).isAfter(at);
  }

  @Test
  void lastMinuteOfTheLocalDayInChicagoGoesIntoItsLastSlot() {
    // 2026-03-03T05:59Z is 23:59 CST on 2 March (UTC-6); in UTC it is already 3 March
    TimeBucket b = bucket("2026-03-03T05:59:00Z", CHICAGO, 15);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-03T05:45:00Z"));
    assertThat(b.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(23, 45));
    assertThat(b.day()).as("the library's day, not the UTC day").isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(b.end()).isEqualTo(Instant.parse("2026-03-03T06:00:00Z"));
  }

  @Test
  void localMidnightInChicagoStartsTheNextDay() {
    TimeBucket b = bucket("2026-03-03T06:00:00Z", CHICAGO, 15);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-03T06:00:00Z"));
    assertThat(b.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(b.day()).isEqualTo(LocalDate.of(2026, 3, 3));
  }

  @Test
  void eveningInChicagoIsStillTheSameLocalDayThoughUtcHasMovedOn() {
    // 20:10 CST on 2 March = 02:10Z on 3 March
    TimeBucket b = bucket("2026-03-03T02:10:00Z", CHICAGO, 60);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-03T02:00:00Z"));
    assertThat(b.day()).isEqualTo(LocalDate.of(2026, 3, 2));
  }

  // --- 2026-03-08, spring forward in Chicago: 02:00 CST becomes 03:00 CDT ---

  @Test
  void springForwardLastSlotBeforeTheGap() {
    // 01:59 CST = 07:59Z
    TimeBucket b = bucket("2026-03-08T07:59:00Z", CHICAGO, 15);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-08T07:45:00Z"));
    assertThat(b.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(1, 45));
    assertThat(b.end()).as("the slot ends where 03:00 CDT begins").isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
    assertThat(b.day()).isEqualTo(LocalDate.of(2026, 3, 8));
  }

  @Test
  void springForwardFirstSlotsAfterTheGap() {
    // 03:00 CDT = 08:00Z, 03:14 CDT = 08:14Z, 03:20 CDT = 08:20Z
    assertThat(bucket("2026-03-08T08:00:00Z", CHICAGO, 15).start()).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
    TimeBucket b = bucket("2026-03-08T08:14:00Z", CHICAGO, 15);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
    assertThat(b.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    assertThat(b.day()).isEqualTo(LocalDate.of(2026, 3, 8));
    TimeBucket c = bucket("2026-03-08T08:20:00Z", CHICAGO, 15);
    assertThat(c.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(3, 15));
  }

  @Test
  void springForwardHourlySlots() {
    // 01:30 CST → 01:00 CST (07:00Z); 03:30 CDT → 03:00 CDT (08:00Z)
    assertThat(bucket("2026-03-08T07:30:00Z", CHICAGO, 60).start()).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    assertThat(bucket("2026-03-08T08:30:00Z", CHICAGO, 60).start()).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
  }

  @Test
  void springForwardAfternoonSlotsFollowTheNewOffset() {
    // 14:05 CDT = 19:05Z; slot at 14:00 CDT = 19:00Z (not 20:00Z as with the old offset)
    TimeBucket b = bucket("2026-03-08T19:05:00Z", CHICAGO, 15);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-08T19:00:00Z"));
    assertThat(b.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(14, 0));
  }

  // --- 2026-11-01, fall back in Chicago: 02:00 CDT becomes 01:00 CST, so 01:xx happens twice ---

  @Test
  void fallBackBothOneOClockHoursGetDistinctCorrectSlots() {
    // 01:20 CDT (UTC-5) = 06:20Z; 01:20 CST (UTC-6) = 07:20Z
    TimeBucket first = bucket("2026-11-01T06:20:00Z", CHICAGO, 15);
    TimeBucket second = bucket("2026-11-01T07:20:00Z", CHICAGO, 15);

    assertThat(first.start()).isEqualTo(Instant.parse("2026-11-01T06:15:00Z"));
    assertThat(second.start()).isEqualTo(Instant.parse("2026-11-01T07:15:00Z"));
    assertThat(first.start()).isNotEqualTo(second.start());

    assertThat(first.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(1, 15));
    assertThat(second.start().atZone(CHICAGO).toLocalTime()).isEqualTo(LocalTime.of(1, 15));
    assertThat(first.start().atZone(CHICAGO).getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(second.start().atZone(CHICAGO).getOffset()).isEqualTo(ZoneOffset.ofHours(-6));

    assertThat(first.day()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(second.day()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(first.end()).isBeforeOrEqualTo(second.start());
  }

  @Test
  void fallBackLastSlotOfTheFirstOneOClockHour() {
    // 01:59 CDT = 06:59Z → 01:45 CDT = 06:45Z, ending at 01:00 CST = 07:00Z
    TimeBucket b = bucket("2026-11-01T06:59:00Z", CHICAGO, 15);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-11-01T06:45:00Z"));
    assertThat(b.end()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
    // 01:00 CST = 07:00Z starts a slot of its own
    assertThat(bucket("2026-11-01T07:00:00Z", CHICAGO, 15).start()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
  }

  @Test
  void fallBackHourlySlotsAreDistinct() {
    assertThat(bucket("2026-11-01T06:20:00Z", CHICAGO, 60).start()).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    assertThat(bucket("2026-11-01T07:20:00Z", CHICAGO, 60).start()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
    // 02:10 CST = 08:10Z → 02:00 CST
    assertThat(bucket("2026-11-01T08:10:00Z", CHICAGO, 60).start()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
  }

  // --- Kathmandu, UTC+05:45: slots are cut on the local hour, not the UTC hour ---

  @Test
  void hourlySlotsInKathmanduStartOnTheLocalHour() {
    // 04:20Z = 10:05 local → 10:00 local = 04:15Z
    TimeBucket b = bucket("2026-03-02T04:20:00Z", KATHMANDU, 60);
    assertThat(b.start()).isEqualTo(Instant.parse("2026-03-02T04:15:00Z"));
    assertThat(b.start().atZone(KATHMANDU).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
    assertThat(b.end()).isEqualTo(Instant.parse("2026-03-02T05:15:00Z"));
    // 04:14Z = 09:59 local → 09:00 local = 03:15Z
    assertThat(bucket("2026-03-02T04:14:00Z", KATHMANDU, 60).start())
        .isEqualTo(Instant.parse("2026-03-02T03:15:00Z"));
    // exactly 10:00 local
    assertThat(bucket("2026-03-02T04:15:00Z", KATHMANDU, 60).start())
        .isEqualTo(Instant.parse("2026-03-02T04:15:00Z"));
  }

  @Test
  void kathmanduLocalMidnight() {
    // 18:14Z on 1 March = 23:59 local on 1 March; 18:15Z = 00:00 local on 2 March
    TimeBucket before = bucket("2026-03-01T18:14:00Z", KATHMANDU, 60);
    assertThat(before.start()).isEqualTo(Instant.parse("2026-03-01T17:15:00Z"));
    assertThat(before.day()).isEqualTo(LocalDate.of(2026, 3, 1));
    TimeBucket after = bucket("2026-03-01T18:15:00Z", KATHMANDU, 60);
    assertThat(after.start()).isEqualTo(Instant.parse("2026-03-01T18:15:00Z"));
    assertThat(after.day()).isEqualTo(LocalDate.of(2026, 3, 2));
  }

  @Test
  void fifteenMinuteSlotsInKathmandu() {
    // 04:20Z = 10:05 local → 10:00 local = 04:15Z
    assertThat(bucket("2026-03-02T04:20:00Z", KATHMANDU, 15).start())
        .isEqualTo(Instant.parse("2026-03-02T04:15:00Z"));
    // 04:31Z = 10:16 local → 10:15 local = 04:30Z
    assertThat(bucket("2026-03-02T04:31:00Z", KATHMANDU, 15).start())
        .isEqualTo(Instant.parse("2026-03-02T04:30:00Z"));
  }

  // --- overlaps a window [from, to) ---

  @Test
  void overlapsAWindowWhenTheSlotMeetsIt() {
    TimeBucket b = bucket("2026-03-02T10:07:00Z", UTC, 15); // [10:00, 10:15)
    assertThat(b.overlaps(Instant.parse("2026-03-02T10:10:00Z"), Instant.parse("2026-03-02T10:11:00Z"))).isTrue();
    assertThat(b.overlaps(Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T10:00:01Z"))).isTrue();
    assertThat(b.overlaps(Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"))).isFalse();
    assertThat(b.overlaps(Instant.parse("2026-03-02T10:15:00Z"), null)).isFalse();
    assertThat(b.overlaps(Instant.parse("2026-03-02T10:14:59Z"), null)).isTrue();
    assertThat(b.overlaps(null, null)).isTrue();
  }
}

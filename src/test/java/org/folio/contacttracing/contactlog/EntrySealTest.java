package org.folio.contacttracing.contactlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.mandate.TimeBucket;
import org.folio.contacttracing.platform.crypto.Aead;
import org.junit.jupiter.api.Test;

/** The seal's rule on its own: what it binds, and that destruction may come sooner but never later. */
class EntrySealTest {
  private static final SecretKey KEY = Aead.newKey();
  private static final UUID ID = UUID.randomUUID();
  private static final UUID MANDATE = UUID.randomUUID();
  private static final TimeBucket SLOT = new TimeBucket(Instant.parse("2026-03-02T09:15:00Z"), 15,
      LocalDate.parse("2026-03-02"));
  private static final Instant DESTROY_AFTER = Instant.parse("2026-03-24T00:00:00Z");
  private static final ContactDetails DETAILS = new ContactDetails(Map.of(ContactField.NAME, "Ada Lovelace",
      ContactField.PHONE, "+1 555 0100", ContactField.PARTY_SIZE, 2));
  private static final byte[] SEALED = EntrySeal.seal(KEY, new ContactLog(ID, MANDATE, "main-desk", SLOT,
      DESTROY_AFTER, DETAILS));

  private static ReadBack open(UUID id, UUID mandate, String location, TimeBucket slot, Instant destroyAfter) {
    return EntrySeal.open(KEY, id, mandate, location, slot, destroyAfter, SEALED);
  }

  @Test
  void theRowItWasSealedForOpens() {
    assertThat(open(ID, MANDATE, "main-desk", SLOT, DESTROY_AFTER)).isEqualTo(new ReadBack.Intact(
        new ContactLog(ID, MANDATE, "main-desk", SLOT, DESTROY_AFTER, DETAILS)));
  }

  @Test
  void anotherIdMandateLocationOrSlotDoesNot() {
    assertThat(open(UUID.randomUUID(), MANDATE, "main-desk", SLOT, DESTROY_AFTER)).isInstanceOf(ReadBack.Refused.class);
    assertThat(open(ID, UUID.randomUUID(), "main-desk", SLOT, DESTROY_AFTER)).isInstanceOf(ReadBack.Refused.class);
    assertThat(open(ID, MANDATE, "reading-room", SLOT, DESTROY_AFTER)).isInstanceOf(ReadBack.Refused.class);
    assertThat(open(ID, MANDATE, "main-desk", new TimeBucket(SLOT.start().plusSeconds(900), 15, SLOT.day()),
        DESTROY_AFTER)).isInstanceOf(ReadBack.Refused.class);
    assertThat(open(ID, MANDATE, "main-desk", new TimeBucket(SLOT.start(), 30, SLOT.day()), DESTROY_AFTER))
        .isInstanceOf(ReadBack.Refused.class);
    assertThat(open(ID, MANDATE, "main-desk", new TimeBucket(SLOT.start(), 15, SLOT.day().plusDays(1)),
        DESTROY_AFTER)).isInstanceOf(ReadBack.Refused.class);
    assertThat(open(ID, MANDATE, "main-desk", new TimeBucket(SLOT.start().plusNanos(1000), 15, SLOT.day()),
        DESTROY_AFTER)).isInstanceOf(ReadBack.Refused.class);
  }

  @Test
  void destructionMayComeSoonerButNotLater() {
    Instant sooner = DESTROY_AFTER.minusSeconds(86_400 * 10L);
    assertThat(open(ID, MANDATE, "main-desk", SLOT, sooner)).isEqualTo(new ReadBack.Intact(
        new ContactLog(ID, MANDATE, "main-desk", SLOT, sooner, DETAILS)));
    assertThat(open(ID, MANDATE, "main-desk", SLOT, DESTROY_AFTER.plusSeconds(1))).isEqualTo(new ReadBack.Refused(
        new IntegrityFailure(ID, SLOT.day(), Optional.of(DESTROY_AFTER))));
  }

  @Test
  void aCiphertextBoundToTheIdAloneNeverOpens() {
    byte[] legacy = Aead.seal(KEY, DETAILS.toBytes(), ID.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(EntrySeal.open(KEY, ID, MANDATE, "main-desk", SLOT, DESTROY_AFTER, legacy))
        .isEqualTo(new ReadBack.Refused(new IntegrityFailure(ID, SLOT.day(), Optional.empty())));
  }
}

package org.folio.contacttracing.contactlog;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.platform.cql.FieldType;
import org.folio.contacttracing.platform.cql.SearchField;
import org.folio.contacttracing.platform.cql.SearchFields;

/**
 * What a {@code query} on contact logs may search and sort by: where, when, under which mandate and until when an
 * entry is kept. Never the visitor: contact details and which of them an entry holds are sealed in the module.
 */
final class ContactLogSearch {
  static final SearchFields FIELDS = SearchFields.of(
      SearchField.of("id", "c.id", FieldType.UUID),
      SearchField.of("location", "c.location", FieldType.TEXT),
      SearchField.of("visitedAt", "c.visited_bucket", FieldType.TIMESTAMP),
      SearchField.of("mandateId", "c.mandate_id", FieldType.UUID),
      SearchField.of("destroyAfter", "c.destroy_after", FieldType.TIMESTAMP))
      .withPersonal(personal());

  private ContactLogSearch() {
  }

  /** Every contact field, from ContactField alone, and the names of what holds them sealed. */
  private static Set<String> personal() {
    Set<String> names = new HashSet<>(List.of("contactDetails", "details", "sealed", "ciphertext", "recordedFields",
        "visitor"));
    Arrays.stream(ContactField.values()).map(ContactField::property).forEach(names::add);
    return names;
  }
}

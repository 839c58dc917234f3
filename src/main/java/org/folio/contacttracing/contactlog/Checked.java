package org.folio.contacttracing.contactlog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a read of entries answers: the entries whose seal holds, and the integrity failures of those left out,
 * which are reported but never served.
 */
public record Checked<T>(T value, List<IntegrityFailure> failures) {

  static Checked<List<ContactLog>> of(List<ReadBack> read) {
    List<ContactLog> entries = new ArrayList<>();
    List<IntegrityFailure> failures = new ArrayList<>();
    for (ReadBack one : read) {
      if (one instanceof ReadBack.Intact intact) {
        entries.add(intact.entry());
      } else if (one instanceof ReadBack.Refused refused) {
        failures.add(refused.failure());
      }
    }
    return new Checked<>(entries, failures);
  }

  <U> Checked<U> map(Function<T, U> mapper) {
    return new Checked<>(mapper.apply(value), failures);
  }
}

package org.folio.contacttracing.platform.http;

import java.util.regex.Pattern;
import org.folio.contacttracing.platform.failure.Malformed;

/** Location codes: 1 to 64 letters, digits, dots, underscores and hyphens, such as a service-point code. */
public final class Locations {
  // \A and \z: the whole text, nothing after it; Java's $ would also match before a final line break
  private static final Pattern VALID = Pattern.compile("\\A[A-Za-z0-9._-]{1,64}\\z");

  private Locations() {
  }

  /** Checks a location given as a query parameter; a malformed one is a 400. */
  public static String require(String location) {
    if (!VALID.matcher(location).matches()) {
      throw new Malformed("location must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return location;
  }
}

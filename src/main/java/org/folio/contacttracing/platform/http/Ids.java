package org.folio.contacttracing.platform.http;

import java.util.UUID;
import java.util.regex.Pattern;
import org.folio.contacttracing.platform.failure.Malformed;

/** FOLIO's UUID rule: versions 1-5, variants 8, 9, a, b, never the nil UUID. */
public final class Ids {
  private static final Pattern UUID_PATTERN = Pattern.compile(
      "\\A[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[1-5][a-fA-F0-9]{3}-[89abAB][a-fA-F0-9]{3}-[a-fA-F0-9]{12}\\z");

  private Ids() {
  }

  public static boolean isValid(String value) {
    return value != null && UUID_PATTERN.matcher(value).matches();
  }

  /** Parses an id given in a path or parameter; a malformed one is a 400 naming the parameter. */
  public static UUID parse(String value, String name) {
    if (!isValid(value)) {
      throw new Malformed("Invalid UUID format of " + name
          + ", should be xxxxxxxx-xxxx-Mxxx-Nxxx-xxxxxxxxxxxx where M is 1-5 and N is 8, 9, a, b, A or B");
    }
    return UUID.fromString(value);
  }
}

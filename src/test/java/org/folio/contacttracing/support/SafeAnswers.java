package org.folio.contacttracing.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The properties every answer to a hostile request must have. */
public final class SafeAnswers {
  private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 404, 405, 409, 410, 413, 414, 415, 422, 431);

  private SafeAnswers() {
  }

  /**
   * Never a 5xx; a refusal is one of the module's clear 4xx statuses, in text/plain or FOLIO's errors JSON, that
   * echoes no submitted marker and leaves the stored state as it was.
   */
  public static void assertSafe(int status, String contentType, String answer, String request,
      Map<String, String> before, Supplier<Map<String, String>> after) {
    assertThat(status).as("status of %s", abbreviate(request)).isLessThan(500);
    if (status < 400) {
      return;
    }
    assertThat(CLIENT_ERRORS).as("a clear 4xx for %s", abbreviate(request)).contains(status);
    if (!answer.isEmpty()) {
      // Netty answers an oversized request line or header block with a bare 414 or 431 before any route runs
      assertThat(contentType).as("content type of a %d", status)
          .matches(type -> type.startsWith("text/plain") || type.startsWith("application/json"));
    }
    for (String marker : HostileJson.markers(request)) {
      assertThat(answer).as("a %d echoes a submitted value", status).doesNotContain(marker);
    }
    assertThat(after.get()).as("stored state after a %d", status).isEqualTo(before);
  }

  public static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
  }
}

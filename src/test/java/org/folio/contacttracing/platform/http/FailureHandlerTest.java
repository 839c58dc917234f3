package org.folio.contacttracing.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.folio.contacttracing.platform.failure.Conflict;
import org.folio.contacttracing.platform.failure.Expired;
import org.folio.contacttracing.platform.failure.FieldError;
import org.folio.contacttracing.platform.failure.Invalid;
import org.folio.contacttracing.platform.failure.Malformed;
import org.folio.contacttracing.platform.failure.NotFound;
import org.folio.contacttracing.platform.failure.Unavailable;
import org.folio.contacttracing.platform.failure.UnsupportedMediaType;
import org.junit.jupiter.api.Test;

/** Each failure named by meaning gets FOLIO's status and format from the one failure handler. */
class FailureHandlerTest {
  private static final String TEXT = "text/plain; charset=utf-8";

  @Test
  void clientMistakesAreTextWithTheirStatusAndMessage() {
    assertThat(FailureHandler.answer(new Malformed("location must be 1 to 64 letters")))
        .isEqualTo(new Response(400, TEXT, "location must be 1 to 64 letters", Map.of()));
    assertThat(FailureHandler.answer(new NotFound("Mandate not found"))).isEqualTo(
        new Response(404, TEXT, "Mandate not found", Map.of()));
    assertThat(FailureHandler.answer(new Conflict("already decided"))).isEqualTo(
        new Response(409, TEXT, "already decided", Map.of()));
    assertThat(FailureHandler.answer(new Expired("release window ended"))).isEqualTo(
        new Response(410, TEXT, "release window ended", Map.of()));
    assertThat(FailureHandler.answer(new UnsupportedMediaType("Content-Type must be application/json"))).isEqualTo(
        new Response(415, TEXT, "Content-Type must be application/json", Map.of()));
  }

  @Test
  void invalidIsFoliosErrorsJsonNamingTheFieldsWithoutValues() {
    Response response = FailureHandler.answer(new Invalid(List.of(
        new FieldError("field_required", "phone", "phone is required"),
        new FieldError("one_of_required", "phone", "At least one of phone, email", List.of("phone", "email")))));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject("""
        {"errors": [
          {"message": "phone is required", "type": "1", "code": "field_required",
           "parameters": [{"key": "phone"}]},
          {"message": "At least one of phone, email", "type": "1", "code": "one_of_required",
           "parameters": [{"key": "phone"}, {"key": "email"}]}]}"""));
  }

  @Test
  void unavailableAsksToRetryWithoutSayingWhatChanged() {
    Response response = FailureHandler.answer(new Unavailable("the day's key was destroyed under mandate 42"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "5");
    assertThat(response.body()).isEqualTo("The database is busy with concurrent work; try again")
        .doesNotContain("mandate");
  }
}

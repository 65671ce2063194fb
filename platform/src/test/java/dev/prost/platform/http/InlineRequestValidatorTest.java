package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The in-place request validator")
class InlineRequestValidatorTest {

  private static final JsonObject VALID = new JsonObject().put("name", "widget").put("quantity", 3).put("kind", "small");

  private InlineRequestValidator validator;
  private Operation createThing;
  private MediaType json;

  @BeforeEach
  void load(Vertx vertx) {
    OpenAPIContract contract = Await.result(ContractLoader.load(vertx, ThingsService.CONTRACT)).contract();
    validator = new InlineRequestValidator(vertx, CachedSchemaValidators.wrap(contract));
    createThing = contract.operation("createThing");
    json = createThing.getRequestBody().getContent().get("application/json");
  }

  private static ValidatableRequest raw(String bytes) {
    return new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(),
        ValidRequest.parameter(Buffer.buffer(bytes)), "application/json");
  }

  @Test
  @DisplayName("checks a body parsed already as it is, never parsing the raw bytes again")
  void usesTheParse() {
    JsonObject parsed = VALID.copy();
    // bytes that do not parse: only a validator that reads them again could fail here
    ValidatedRequest validated = Await.result(validator.validate(new JsonBodyRequest(raw("not json"), json, parsed), createThing));

    assertThat(validated.getBody().get()).isSameAs(parsed);
  }

  @Test
  @DisplayName("refuses a parsed body exactly as it refuses the same bytes left to its own parse")
  void sameRefusal() {
    JsonObject invalid = VALID.copy().put("quantity", 100).put("color", "red");

    Throwable fromBytes = Await.failure(validator.validate(raw(invalid.encode()), createThing));
    Throwable fromParse = Await.failure(validator.validate(new JsonBodyRequest(raw(invalid.encode()), json, invalid), createThing));

    assertThat(fromParse).isInstanceOf(SchemaValidationException.class).hasMessage(fromBytes.getMessage());
    assertThat(ValidationProblems.of((SchemaValidationException) fromParse, createThing))
        .isEqualTo(ValidationProblems.of((SchemaValidationException) fromBytes, createThing));
  }
}

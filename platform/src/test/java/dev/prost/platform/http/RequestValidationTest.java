package dev.prost.platform.http;

import static dev.prost.platform.http.ThingsService.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Requests that break the contract")
class RequestValidationTest {

  private static final JsonObject VALID = new JsonObject().put("name", "widget").put("quantity", 3).put("kind", "small");

  private ThingsService service;

  @BeforeEach
  void start(Vertx vertx) {
    service = ThingsService.start(vertx, HealthChecks.none());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("a missing required property", without("name"), "name"),
        Arguments.of("a missing required property", without("quantity"), "quantity"),
        Arguments.of("a wrong type", VALID.copy().put("quantity", "three").encode(), "quantity"),
        Arguments.of("a too-short string", VALID.copy().put("name", "").encode(), "name"),
        Arguments.of("an unknown enum value", VALID.copy().put("kind", "huge").encode(), "kind"),
        Arguments.of("a number out of range", VALID.copy().put("quantity", 100).encode(), "quantity"),
        Arguments.of("an invalid array element", VALID.copy()
            .put("items", new JsonArray().add(new JsonObject().put("quantity", 1)).add(new JsonObject().put("quantity", 0)))
            .encode(), "items[1].quantity"),
        Arguments.of("a missing property of an array element", VALID.copy()
            .put("items", new JsonArray().add(new JsonObject())).encode(), "items[0].quantity"),
        Arguments.of("a property the contract does not allow", VALID.copy().put("color", "red").encode(), "color"),
        // names a JSON pointer escapes, or a %-escape that does not decode: named as sent, never a 500
        Arguments.of("an unknown property named by a control character", VALID.copy().put("\u0001", new JsonObject())
            .encode(), "\u0001"),
        Arguments.of("an unknown property with a bare %", VALID.copy().put("100%", 1).encode(), "100%"),
        Arguments.of("an unknown property with a bad %-escape", VALID.copy().put("%zz", 1).encode(), "%zz"),
        Arguments.of("an unknown property named in UTF-8", VALID.copy().put("prix €", 1).encode(), "prix €"),
        Arguments.of("an unknown property with a slash and a tilde", VALID.copy().put("a/b~c", 1).encode(), "a/b~c"),
        Arguments.of("not an object at all", "[1, 2]", "body"),
        // PostgreSQL text holds neither: refused before any handler could try to store them
        Arguments.of("a NUL character", VALID.copy().put("name", "wid\u0000get").encode(), "name"),
        Arguments.of("half a surrogate pair", "{\"name\":\"wid\\ud800get\",\"quantity\":3,\"kind\":\"small\"}", "name"),
        Arguments.of("a NUL in an array element", VALID.copy()
            .put("items", new JsonArray().add(new JsonObject().put("quantity", 1).put("note", "\u0000"))).encode(),
            "items[0].note"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidBodies")
  @DisplayName("an invalid body is a 400 problem naming the field")
  void invalidBody(String why, String body, String field) {
    assertValidationProblem(service.post(body, "application/json"), field);
  }

  @Test
  @DisplayName("every invalid field of a body is listed, each once and for its real reason")
  void everyInvalidField() {
    JsonObject body = new JsonObject().put("name", "").put("quantity", "three").put("kind", "huge")
        .put("items", new JsonArray().add(new JsonObject())).put("a b", 1);
    JsonArray errors = assertProblem(service.post(body.encode(), "application/json"), 400, "validation")
        .getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactly("name", "quantity", "kind", "items[0].quantity", "a b");
    assertThat(errors.getJsonObject(4).getString("message")).isEqualTo("is not allowed");
  }

  static Stream<Arguments> invalidParameters() {
    return Stream.of(
        Arguments.of("/api/things?size=abc", "size"),
        Arguments.of("/api/things?size=101", "size"),
        Arguments.of("/api/things?size=0", "size"),
        Arguments.of("/api/things/not-a-uuid", "id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidParameters")
  @DisplayName("an invalid path or query parameter is a 400 problem naming it")
  void invalidParameter(String uri, String field) {
    assertValidationProblem(service.get(uri), field);
  }

  @Test
  @DisplayName("a URL whose %-escapes do not decode is a 400 problem, not a 500")
  void undecodableUrl() {
    assertProblem(service.get("/api/things?size=%zz"), 400, "bad-request");
    assertProblem(service.get("/api/things/%zz"), 400, "bad-request");
  }

  @Test
  @DisplayName("a body that is not JSON, or no body at all, is a 400 malformed-body problem")
  void malformedBody() {
    for (String body : new String[] {"{\"name\": ", "not json", ""}) {
      assertProblem(service.post(body, "application/json"), 400, "malformed-body");
    }
  }

  @Test
  @DisplayName("a body in a media type the operation does not accept, or with none, is a 415 problem")
  void wrongContentType() {
    assertProblem(service.post(VALID.encode(), "text/plain"), 415, "unsupported-media-type");
    HttpResponse<Buffer> none = Await.result(service.client.post("/api/things").sendBuffer(Buffer.buffer(VALID.encode())));
    assertProblem(none, 415, "unsupported-media-type");
  }

  private static String without(String property) {
    JsonObject body = VALID.copy();
    body.remove(property);
    return body.encode();
  }

  private static void assertValidationProblem(HttpResponse<Buffer> response, String field) {
    JsonObject problem = assertProblem(response, 400, "validation");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(problem.encodePrettily()).isEqualTo(field);
  }
}

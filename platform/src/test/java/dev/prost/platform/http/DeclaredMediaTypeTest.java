package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.RequestBody;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The media type a Content-Type chooses")
class DeclaredMediaTypeTest {

  private static final String[] CONTENT_TYPES = {
      "application/json", "application/json; charset=utf-8", "application/json ; charset=UTF-8",
      " application/json", "application/ json", "application/json\t;x", "application/json\013",
      "\r\napplication/json\f", "application/jsonx", "application/json-seq", "APPLICATION/JSON",
      "application/\u00a0json", "application/json\u2003", "application/hal+json", "text/plain",
      "application/x-www-form-urlencoded", "", " ", ";", "json"};

  @Test
  @DisplayName("is the one vertx-openapi's determineContentType answers, for every kind of Content-Type")
  void sameAsTheLibrary(Vertx vertx) {
    RequestBody spec = Await.result(ContractLoader.load(vertx, ThingsService.CONTRACT)).contract()
        .operation("createThing").getRequestBody();

    for (String contentType : CONTENT_TYPES) {
      assertThat(DeclaredMediaType.of(spec, contentType)).as(contentType).isSameAs(spec.determineContentType(contentType));
      assertThat(DeclaredMediaType.withoutWhiteSpace(contentType)).as(contentType)
          .isEqualTo(contentType.replaceAll("\\s+", ""));
    }
    assertThat(DeclaredMediaType.of(spec, null)).isNull();
  }
}

package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A JSON request body, parsed once")
class BodyParsedOnceTest {

  private static final JsonObject VALID = new JsonObject().put("name", "widget").put("quantity", 3).put("kind", "small");

  // what the operation's handler was given: the validated body, then Vert.x's ctx.body()
  private final AtomicReference<Object> validated = new AtomicReference<>();
  private final AtomicReference<Object> fromContext = new AtomicReference<>();
  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    ServiceRouter.Options options = new ServiceRouter.Options("things", ThingsService.CONTRACT)
        .operation("createThing", this::create)
        .operation("listThings", RoutingContext::end)
        .operation("getThing", RoutingContext::end)
        .operation("boom", RoutingContext::end);
    server = Await.result(vertx.createHttpServer()
        .requestHandler(Await.result(ServiceRouter.create(vertx, options))).listen(0));
    client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void stop() {
    client.close();
    Await.result(server.close());
  }

  private void create(RoutingContext ctx) {
    validated.set(RequestValues.body(ctx));
    fromContext.set(ctx.body().asJsonObject());
    ctx.response().setStatusCode(201).end();
  }

  @Test
  @DisplayName("the handler reads, from the validated request and from ctx.body(), the one instance the validator checked")
  void oneInstance() {
    // leading white space and a charset: the sniffing and the media type lookup take their longer paths
    HttpResponse<Buffer> response = Await.result(client.post("/api/things")
        .putHeader("content-type", "application/json ; charset=utf-8")
        .sendBuffer(Buffer.buffer(" \n\t" + VALID.encode())));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(validated.get()).isEqualTo(VALID);
    // a second parse anywhere (the validator's, or ctx.body()'s own) would be another instance
    assertThat(fromContext.get()).isSameAs(validated.get());
  }
}

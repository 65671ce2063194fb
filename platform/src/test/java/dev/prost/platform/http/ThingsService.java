package dev.prost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** The test contract's service, served on a free port: handlers that echo what validation gave them. */
final class ThingsService {

  static final String CONTRACT = "openapi/test.yaml";

  final WebClient client;
  final int port;
  private final HttpServer server;

  private ThingsService(HttpServer server, WebClient client) {
    this.server = server;
    this.client = client;
    this.port = server.actualPort();
  }

  static ThingsService start(Vertx vertx, HealthChecks health) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Router router = Await.result(ServiceRouter.create(vertx, options(registry, health)));
    // as ServiceHttpVerticle sets it up
    HttpServer server = Await.result(vertx.createHttpServer()
        .invalidRequestHandler(HttpErrors.invalidRequestHandler())
        .requestHandler(router)
        .listen(0));
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
    return new ThingsService(server, client);
  }

  static ServiceRouter.Options options(PrometheusMeterRegistry registry, HealthChecks health) {
    return new ServiceRouter.Options("things", CONTRACT)
        .operation("createThing", ThingsService::requireCaller, ThingsService::create)
        .operation("listThings", ThingsService::list)
        .operation("getThing", ThingsService::get)
        .operation("boom", ThingsService::boom)
        .bodyLimit(ServiceRouter.DEFAULT_BODY_LIMIT)
        .health(health)
        .metrics(registry);
  }

  HttpResponse<Buffer> get(String uri) {
    return Await.result(client.get(uri).send());
  }

  HttpResponse<Buffer> post(String body, String contentType) {
    return Await.result(client.post("/api/things").putHeader("content-type", contentType)
        .sendBuffer(Buffer.buffer(body)));
  }

  /** Asserts an RFC 9457 answer of the given status and type; returns its body. */
  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo(HttpErrors.PROBLEM_JSON);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(Problem.BASE + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    return problem;
  }

  void close() {
    client.close();
    Await.result(server.close());
  }

  // a stand-in for an auth handler: runs before the operation's own handler
  private static void requireCaller(RoutingContext ctx) {
    if ("slow-down".equals(ctx.request().getHeader("X-Test"))) {
      ctx.fail(ProblemException.tooManyRequests(7, "try later"));
      return;
    }
    ctx.next();
  }

  private static void boom(RoutingContext ctx) {
    if ("unavailable".equals(ctx.request().getHeader("X-Test"))) {
      ctx.fail(503, new IllegalStateException("secret-internal-detail: pool exhausted"));
      return;
    }
    if ("transient".equals(ctx.request().getHeader("X-Test"))) {
      // what the pg client reports when the connection died under the request's transaction
      ctx.fail(new io.vertx.core.VertxException("Connection is not active now (secret-internal-detail)", true));
      return;
    }
    throw new IllegalStateException("secret-internal-detail: connection to db-7 refused");
  }

  private static void create(RoutingContext ctx) {
    JsonObject body = RequestValues.body(ctx);
    ctx.response().setStatusCode(201).putHeader("content-type", "application/json").end(body.encode());
  }

  private static void list(RoutingContext ctx) {
    Integer size = RequestValues.queryParam(ctx, "size").getInteger(20);
    ctx.response().putHeader("content-type", "application/json").end(new JsonObject().put("size", size).encode());
  }

  private static void get(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("id", RequestValues.pathParam(ctx, "id")).encode());
  }
}

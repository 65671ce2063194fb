package dev.prost.launcher.gateway;

import dev.prost.platform.http.ProblemException;
import dev.prost.platform.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service behind the gateway: forwards a request to it and streams its answer back
 * unchanged. A service that cannot be reached or breaks the connection is a 502, one that
 * stays silent longer than the timeout a 504; both are problem+json from the gateway's
 * error handler, and a log line here.
 */
final class Upstream {

  /** Routing-context key of the upstream a request went to (a metrics tag). */
  static final String KEY = "prost.upstream";

  private static final Logger log = LoggerFactory.getLogger(Upstream.class);

  private final String name;
  private final HttpClient client;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final long timeoutMs;

  Upstream(String name, URI base, HttpClient client, Duration timeout) {
    this.name = name;
    this.client = client;
    this.host = base.getHost();
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.port = base.getPort() != -1 ? base.getPort() : ssl ? 443 : 80;
    this.timeoutMs = timeout.toMillis();
  }

  String name() {
    return name;
  }

  /** Route handler: runs after the body handler, so the body (if any) is read and within the limit. */
  void forward(RoutingContext ctx) {
    ctx.put(KEY, name);
    HttpServerRequest in = ctx.request();
    // the path the router matched on (dot segments resolved), so the service sees what was routed
    String query = in.query();
    RequestOptions options = request(in.method(), query == null ? ctx.normalizedPath() : ctx.normalizedPath() + "?" + query)
        .setHeaders(ForwardedHeaders.toService(in, RequestIds.of(ctx)));
    Buffer body = ctx.body().buffer();
    client.request(options)
        .compose(request -> {
          // a client that hangs up frees the service's connection instead of waiting for its answer
          ctx.addEndHandler(ended -> {
            if (ended.failed()) {
              request.reset();
            }
          });
          return body == null ? request.send() : request.send(body);
        })
        .onSuccess(response -> relay(ctx, response))
        .onFailure(failure -> fail(ctx, failure));
  }

  /** {@code GET /health/live} of the service: succeeds when it answers 200. */
  Future<Void> live() {
    return client.request(request(HttpMethod.GET, "/health/live"))
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().compose(ignored -> response.statusCode() == 200
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(name + " answered " + response.statusCode())));
  }

  private RequestOptions request(HttpMethod method, String uri) {
    return new RequestOptions()
        .setMethod(method)
        .setHost(host)
        .setPort(port)
        .setSsl(ssl)
        .setURI(uri)
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs);
  }

  private void relay(RoutingContext ctx, HttpClientResponse response) {
    HttpServerResponse out = ctx.response().setStatusCode(response.statusCode());
    ForwardedHeaders.toClient(response.headers(), out.headers());
    if (mayHaveBody(ctx.request().method(), response.statusCode()) && !out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      out.setChunked(true);
    }
    response.pipe()
        .endOnFailure(false)
        .to(out)
        .onFailure(failure -> {
          // the head may be out already: the only honest answer left is to cut both connections
          log.warn("{} {} via {}: answer broke off: {}", ctx.request().method(), ctx.request().path(), name,
              failure.toString());
          response.request().reset();
          out.reset();
        });
  }

  private void fail(RoutingContext ctx, Throwable failure) {
    boolean timedOut = failure instanceof TimeoutException;
    log.warn("{} {} via {}: {}", ctx.request().method(), ctx.request().path(), name, failure.toString());
    ctx.fail(timedOut
        ? ProblemException.gatewayTimeout("the " + name + " service did not answer in time; try again later")
        : ProblemException.badGateway("the " + name + " service could not be reached; try again later"));
  }

  private static boolean mayHaveBody(HttpMethod method, int status) {
    return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
  }
}

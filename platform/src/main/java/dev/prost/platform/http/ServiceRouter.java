package dev.prost.platform.http;

import dev.prost.platform.http.admission.AdmissionCheck;
import dev.prost.platform.http.admission.AdmissionControl;
import dev.prost.platform.http.admission.AdmissionSettings;
import dev.prost.platform.http.admission.Lane;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a service's router from its OpenAPI 3 contract on the classpath. Every request
 * gets an {@code X-Request-Id}, is timed, has its body read up to the limit and is then
 * validated against the contract before the operation's handlers run; every failure is
 * answered by {@link HttpErrors}. The router also serves {@code /openapi.yaml},
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}.
 *
 * <p>Handlers run after validation and read its results with {@link RequestValues} instead
 * of parsing the request again. The
 * contract's {@code security} is documentation only: authentication is a handler of the
 * operation, listed before the one doing the work.
 */
public final class ServiceRouter {

  public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;
  /** What {@code /metrics} answers with: Prometheus's text format. */
  public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  // statuses the router itself produces when no route matches or a failure is left unhandled
  private static final int[] ROUTER_ERRORS = {400, 404, 405, 406, 413, 415, 500};

  private ServiceRouter() {}

  /** Reads and checks the contract, then builds the router; fails if handlers and operations differ. */
  public static Future<Router> create(Vertx vertx, Options options) {
    return ContractLoader.load(vertx, options.contract)
        .map(loaded -> build(vertx, options, loaded.contract(), loaded.text()));
  }

  private static Router build(Vertx vertx, Options options, OpenAPIContract contract, Buffer contractText) {
    checkOperations(options, contract);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, new ContractRequestExtractor());
    builder.rootHandler(new RequestIds());
    if (options.metrics != null) {
      builder.rootHandler(new HttpMetrics(options.metrics, options.service, contract));
    }
    // read (and cap) the body before validation, which needs it whole
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(options.bodyLimit));
    InlineRequestValidator validator = new InlineRequestValidator(vertx, CachedSchemaValidators.wrap(contract));
    ContractRequestExtractor extractor = new ContractRequestExtractor();
    AdmissionControl admission = options.admissionControl();
    options.operations.forEach((operationId, handlers) -> {
      OpenAPIRoute route = builder.getRoute(operationId);
      // refused past capacity before anything else is spent on the request
      route.addHandler(admission.gate(options.laneOf(route.getOperation()), options.checksOf(operationId)));
      // the contract's security schemes describe; Prost's auth handlers enforce
      route.setDoSecurity(false);
      // validated in place rather than by the builder's worker-pool validator (see InlineRequestValidator)
      route.setDoValidation(false);
      route.addHandler(new ContractValidation(extractor, validator, route.getOperation()));
      handlers.forEach(route::addHandler);
    });
    Router router = builder.createRouter();

    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(contractText));
    router.get("/health/live").handler(options.health::live);
    router.get("/health/ready").handler(options.health::ready);
    if (options.metrics != null) {
      PrometheusMeterRegistry registry = options.metrics;
      router.get("/metrics").handler(ctx -> ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, METRICS_CONTENT_TYPE).end(registry.scrape()));
    }
    router.route().failureHandler(HttpErrors.failureHandler());
    for (int status : ROUTER_ERRORS) {
      router.errorHandler(status, HttpErrors.errorHandler(status));
    }
    return router;
  }

  private static void checkOperations(Options options, OpenAPIContract contract) {
    Set<String> declared = new TreeSet<>(contract.operations().stream().map(Operation::getOperationId).toList());
    Set<String> missing = new TreeSet<>(declared);
    missing.removeAll(options.operations.keySet());
    Set<String> unknown = new TreeSet<>(options.operations.keySet());
    unknown.removeAll(declared);
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      throw new IllegalStateException(options.contract + ": operations without handlers " + missing
          + ", handlers for operations not in the contract " + unknown);
    }
  }

  /**
   * What a service's router is made of: its name (a metrics tag), its contract's classpath
   * path, the handlers of each contract operation, the body limit, its health checks and
   * its metrics registry ({@code /metrics} is served only when one is given).
   */
  public static final class Options {

    private final String service;
    private final String contract;
    private final Map<String, List<Handler<RoutingContext>>> operations = new LinkedHashMap<>();
    private long bodyLimit = DEFAULT_BODY_LIMIT;
    private HealthChecks health = HealthChecks.none();
    private PrometheusMeterRegistry metrics;
    private AdmissionSettings admission = AdmissionSettings.defaults();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, List<AdmissionCheck>> checks = new LinkedHashMap<>();
    private AdmissionControl admissionControl;

    /** The service's name, a tag on its metrics and a word in its error messages. */
    public String service() {
      return service;
    }

    public Options(String service, String contract) {
      this.service = Objects.requireNonNull(service, "service");
      this.contract = Objects.requireNonNull(contract, "contract");
    }

    /** The handlers of one operation, in order: e.g. an auth handler, then the operation's. */
    @SafeVarargs
    public final Options operation(String operationId, Handler<RoutingContext>... handlers) {
      return operation(operationId, List.of(handlers));
    }

    public Options operation(String operationId, List<Handler<RoutingContext>> handlers) {
      if (handlers.isEmpty()) {
        throw new IllegalArgumentException(operationId + ": at least one handler");
      }
      if (operations.putIfAbsent(operationId, List.copyOf(handlers)) != null) {
        throw new IllegalArgumentException(operationId + ": handlers given twice");
      }
      return this;
    }

    /** Every operation's handlers at once: operationId to its handlers, in order. */
    public Options operations(Map<String, List<Handler<RoutingContext>>> handlers) {
      handlers.forEach(this::operation);
      return this;
    }

    public Options bodyLimit(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("body limit must be positive");
      }
      this.bodyLimit = bytes;
      return this;
    }

    /** The service's health checks, as its router serves them. */
    public HealthChecks health() {
      return health;
    }

    public Options health(HealthChecks health) {
      this.health = Objects.requireNonNull(health, "health");
      return this;
    }

    public Options metrics(PrometheusMeterRegistry registry) {
      this.metrics = registry;
      return this;
    }

    /** The service's admission limits (default: {@link AdmissionSettings#defaults()}). */
    public Options admission(AdmissionSettings settings) {
      this.admission = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Puts an operation in a lane of its own; otherwise GET is a read and the rest writes. */
    public Options lane(String operationId, Lane lane) {
      lanes.put(operationId, Objects.requireNonNull(lane, "lane"));
      return this;
    }

    Lane laneOf(Operation operation) {
      return lanes.getOrDefault(operation.getOperationId(), Lane.byMethod(operation.getHttpMethod()));
    }

    /** Admits an operation's requests only while {@code check} says so, beside its lane's limit. */
    public Options admitWhile(String operationId, AdmissionCheck check) {
      checks.computeIfAbsent(operationId, id -> new ArrayList<>()).add(Objects.requireNonNull(check, "check"));
      return this;
    }

    List<AdmissionCheck> checksOf(String operationId) {
      return List.copyOf(checks.getOrDefault(operationId, List.of()));
    }

    /** One admission control per service, shared by every HTTP verticle of it (built by the first). */
    public synchronized AdmissionControl admissionControl() {
      if (admissionControl == null) {
        admissionControl = AdmissionControl.create(service, admission, metrics);
      }
      return admissionControl;
    }
  }
}

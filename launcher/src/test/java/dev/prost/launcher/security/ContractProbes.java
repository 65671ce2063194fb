package dev.prost.launcher.security;

import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The requests that walk one operation through its success and error paths, derived from its
 * contract: the valid request (once, and again), unknown and malformed ids, invalid parameters,
 * a body missing each field or holding it with the wrong type, a malformed body, the wrong
 * Content-Type, an oversize body, an over-long request line and over-large headers, and for a secured operation no token, a bad one, a plain
 * customer's and one without roles. Whatever each answers must be declared by the contract.
 */
final class ContractProbes {

  /**
   * One probe: the request, and how many times it is sent in a row (a repeat may answer
   * differently: 409 for a taken name, 429 once the failed logins add up).
   */
  record Probe(String name, Supplier<Call> call, int times) {}

  /** Failed logins of one e-mail before the throttle answers 429 (DESIGN: 5 per e-mail). */
  private static final int LOGINS_TO_THROTTLE = 6;
  /** Past the server's 4 KiB request line and 8 KiB of headers. */
  static final String LONG_QUERY = "padding=" + "x".repeat(5_000);
  static final String LARGE_HEADER = "x".repeat(10_000);

  private ContractProbes() {}

  /**
   * The probes of {@code op}. {@code validLogin} is a login that succeeds; {@code orderOf} checks
   * out a cart of the token's customer and answers the order's id once orders holds it.
   */
  static List<Probe> of(ContractOperation op, Baselines baselines, SecurityFixture prost, Call validLogin,
      Function<String, String> orderOf) {
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe("valid", () -> baselines.of(op), 1));
    probes.add(new Probe("valid, sent twice", () -> baselines.of(op), 2));
    probes.add(new Probe("oversize body", () -> baselines.of(op)
        .rawBody(oversize(SecurityFixture.BODY_LIMIT + 1), "application/json"), 1));
    probes.add(new Probe("undecodable query string", () -> baselines.of(op).rawQuery("q=%zz"), 1));
    probes.add(new Probe("over-long request line", () -> baselines.of(op).rawQuery(LONG_QUERY), 1));
    probes.add(new Probe("over-large headers", () -> baselines.of(op).header("X-Padding", LARGE_HEADER), 1));
    for (ContractOperation.Param param : op.params()) {
      switch (param.in()) {
        case "path" -> {
          probes.add(new Probe("unknown " + param.name(), () -> baselines.of(op)
              .path(param.name(), UUID.randomUUID().toString()), 1));
          probes.add(new Probe("malformed " + param.name(), () -> baselines.of(op).path(param.name(), "not-an-id"), 1));
        }
        case "query" -> probes.add(new Probe("invalid query " + param.name(), () -> baselines.of(op)
            .query(param.name(), "x".repeat(300)), 1));
        default -> probes.add(new Probe("invalid header " + param.name(), () -> baselines.of(op)
            .header(param.name(), "x".repeat(300)), 1));
      }
    }
    probes.addAll(op.hasJsonBody() ? bodyProbes(op, baselines) : List.of(new Probe("unexpected body",
        () -> baselines.of(op).member("unexpected", "1"), 1)));
    if (op.authenticated()) {
      probes.add(new Probe("no token", () -> baselines.of(op).token(null), 1));
      probes.add(new Probe("malformed token", () -> baselines.of(op).token("not.a.token"), 1));
      probes.add(new Probe("customer token", () -> baselines.of(op).token(prost.customerToken()), 1));
      probes.add(new Probe("token without roles", () -> baselines.of(op)
          .token(prost.tokenFor(UUID.randomUUID(), Set.of())), 1));
    }
    if (op.id().equals("getCheckout") || op.id().equals("getOrder")) {
      probes.add(new Probe("the caller's own order", () -> {
        String token = prost.customerToken();
        return baselines.of(op).token(token).path("order_id", orderOf.apply(token));
      }, 1));
    }
    if (op.id().equals("cancelOrder")) {
      probes.add(new Probe("the caller's own order", () -> {
        String token = prost.customerToken();
        return baselines.of(op).token(token).path("order_id", orderOf.apply(token));
      }, 2));
    }
    if (List.of("shipOrder", "deliverOrder", "refundOrder").contains(op.id())) {
      probes.add(new Probe("an order in the state the operation needs", () ->
          baselines.of(op).path("order_id", orderReadyFor(op.id(), prost, orderOf)), 2));
    }
    if (op.id().equals("login")) {
      probes.add(new Probe("a registered customer", validLogin::copy, 1));
      probes.add(new Probe("failed logins until throttled", () -> baselines.of(op), LOGINS_TO_THROTTLE));
    }
    return probes;
  }

  // a confirmed order, moved on by the admin steps that come before the operation's own
  private static String orderReadyFor(String operation, SecurityFixture prost, Function<String, String> orderOf) {
    String orderId = orderOf.apply(prost.customerToken());
    String admin = prost.adminToken();
    String path = "/api/orders/" + orderId;
    await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(
        Api.get(prost.client(Target.ORDERS), path, admin).bodyAsJsonObject().getString("status")));
    if (!operation.equals("shipOrder")) {
      Api.expect(200, Api.send(prost.client(Target.ORDERS), HttpMethod.POST, path + "/ship", admin,
          new JsonObject().put("carrier", "DHL").put("tracking_number", "JD0146")));
    }
    if (operation.equals("refundOrder")) {
      Api.expect(200, Api.send(prost.client(Target.ORDERS), HttpMethod.POST, path + "/deliver", admin, null));
    }
    return orderId;
  }

  private static List<Probe> bodyProbes(ContractOperation op, Baselines baselines) {
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe("unknown ids in the body", () -> {
      Call call = baselines.of(op);
      for (String field : op.bodyFields()) {
        if ("uuid".equals(op.bodySchema().getJsonObject("properties").getJsonObject(field).getString("format"))) {
          call.member(field, "\"" + UUID.randomUUID() + "\"");
        }
      }
      return call;
    }, 1));
    for (String field : op.bodyFields()) {
      probes.add(new Probe("without " + field, () -> baselines.of(op).withoutMember(field), 1));
      probes.add(new Probe(field + " of the wrong type", () -> baselines.of(op).member(field, "{}"), 1));
    }
    probes.add(new Probe("an undeclared member", () -> baselines.of(op).member("unexpected", "1"), 1));
    probes.add(new Probe("malformed JSON", () -> baselines.of(op).rawBody("{\"", "application/json"), 1));
    probes.add(new Probe("no body", () -> baselines.of(op).rawBody(Buffer.buffer(), "application/json"), 1));
    probes.add(new Probe("an empty object", () -> baselines.of(op).rawBody("{}", "application/json"), 1));
    probes.add(new Probe("wrong content type", () -> {
      Call call = baselines.of(op);
      return call.rawBody(call.body(), "text/plain");
    }, 1));
    return probes;
  }

  private static Buffer oversize(int size) {
    String prefix = "{\"padding\":\"";
    return Buffer.buffer(prefix + "x".repeat(size - prefix.length() - 2) + "\"}");
  }
}

package dev.prost.orders.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.Topology.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The invariants of DESIGN.md §6, as SQL over the four schemas, for a system whose sagas have
 * all ended: each check counts what breaks it, so a report can list them and a test can demand
 * zeros. Run as the admin (who reads every schema), e.g. with {@code TestDatabase::adminScalar}.
 * The system under test must keep its published outbox rows ({@code PROST_OUTBOX_RETENTION}
 * above 0): the checks of events never applied or answered twice read them.
 *
 * <p>Every check belongs to a kind: {@link Kind#LOST} (a checkout or event that did not reach
 * its end), {@link Kind#TWICE} (an effect applied more than once) or {@link Kind#STATE} (the
 * end state is wrong in another way).
 */
public final class SagaInvariants {

  /** What breaking a check means. */
  public enum Kind { LOST, TWICE, STATE }

  /** One invariant and how many rows break it. */
  public record Check(String name, Kind kind, long violations) {}

  // an order that reached CONFIRMED at some point, whatever happened after
  private static final String EVER_CONFIRMED = """
      EXISTS (SELECT 1 FROM orders_schema.saga_events e
              WHERE e.order_id = o.id AND e.to_state = 'CONFIRMED' AND e.outcome = 'applied')""";
  private static final String RESTOCKED = """
      EXISTS (SELECT 1 FROM orders_schema.saga_events e
              WHERE e.order_id = o.id AND e.to_state = 'RESTOCKING' AND e.outcome = 'applied')""";
  // units that left stock for good: sold and neither cancelled nor returned with restock
  private static final String KEPT_ORDER = "(o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED')"
      + " OR (o.status = 'REFUNDED' AND NOT " + RESTOCKED + "))";
  // units sold and then given back: cancelled after confirmation, or returned with restock
  private static final String RETURNED_ORDER = "((o.status = 'CANCELLED' AND " + EVER_CONFIRMED + ")"
      + " OR (o.status = 'REFUNDED' AND " + RESTOCKED + "))";
  // orders whose charge must have gone back: cancelled after confirmation, or returned
  private static final String REFUNDED_ORDER = "((o.status = 'CANCELLED' AND " + EVER_CONFIRMED + ")"
      + " OR o.status = 'REFUNDED')";
  private static final String CONFIRMED_UNITS = """
      SELECT i.product_id, sum(i.quantity) AS units
      FROM orders_schema.order_items i JOIN orders_schema.orders o ON o.id = i.order_id
      WHERE %s GROUP BY i.product_id""".formatted(KEPT_ORDER);
  private static final String RETURNED_UNITS = """
      SELECT i.product_id, sum(i.quantity) AS units
      FROM orders_schema.order_items i JOIN orders_schema.orders o ON o.id = i.order_id
      WHERE %s GROUP BY i.product_id""".formatted(RETURNED_ORDER);
  private static final String AT_REST = "('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED')";

  private final ToLongFunction<String> scalar;
  private final Map<UUID, Integer> initialStock;
  private final List<Topology> topologies;

  private SagaInvariants(ToLongFunction<String> scalar, Map<UUID, Integer> initialStock, List<Topology> topologies) {
    this.scalar = scalar;
    this.initialStock = initialStock;
    this.topologies = topologies;
  }

  /** The checks, run through {@code adminScalar} (the first column of the first row of a query). */
  public static SagaInvariants of(ToLongFunction<String> adminScalar) {
    return new SagaInvariants(adminScalar, Map.of(), List.of());
  }

  /** Also checks units on hand = stock at start − units sold + units returned, for these products. */
  public SagaInvariants withInitialStock(Map<UUID, Integer> stock) {
    return new SagaInvariants(scalar, Map.copyOf(stock), topologies);
  }

  /** Also checks that every event published to these consumers was applied by each of them. */
  public SagaInvariants withTopologies(List<Topology> consumers) {
    return new SagaInvariants(scalar, initialStock, List.copyOf(consumers));
  }

  /** Every check, in a stable order. */
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    List<String> outboxes = outboxSchemas();
    checks.add(check("sagas not ended (orders)", Kind.LOST,
        "SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN " + AT_REST));
    checks.add(check("checkouts not ended (cart)", Kind.LOST,
        "SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED'"));
    checks.add(check("checkouts orders never saw", Kind.LOST, """
        SELECT count(*) FROM cart_schema.saga_state c LEFT JOIN orders_schema.orders o ON o.id = c.order_id
        WHERE o.id IS NULL"""));
    checks.add(check("orders without a checkout", Kind.LOST, """
        SELECT count(*) FROM orders_schema.orders o LEFT JOIN cart_schema.saga_state c ON c.order_id = o.id
        WHERE c.order_id IS NULL"""));
    for (String schema : outboxes) {
      checks.add(check("outbox rows never published (" + schema + ")", Kind.LOST,
          "SELECT count(*) FROM " + schema + ".outbox WHERE published_at IS NULL"));
    }
    for (Topology topology : topologies) {
      for (Subscription sub : topology.subscriptions()) {
        undelivered(outboxes, topology, sub).ifPresent(checks::add);
      }
    }

    // a step re-sent after its deadline stays in its state (from = to): not an entry
    checks.add(check("saga states entered twice", Kind.TWICE, """
        SELECT count(*) FROM (SELECT 1 FROM orders_schema.saga_events
                              WHERE outcome = 'applied' AND from_state IS DISTINCT FROM to_state
                              GROUP BY order_id, to_state HAVING count(*) > 1) twice"""));
    for (String schema : outboxes) {
      // an event applied twice would answer twice: one cause, one type, one row
      checks.add(check("events answered twice (" + schema + ")", Kind.TWICE, """
          SELECT count(*) FROM (SELECT 1 FROM %s.outbox WHERE envelope::jsonb ->> 'causation_id' IS NOT NULL
                                GROUP BY envelope::jsonb ->> 'causation_id', event_type HAVING count(*) > 1) twice"""
          .formatted(schema)));
    }
    checks.add(check("products whose returned units differ from cancelled or restocked lines", Kind.TWICE, """
        SELECT count(*) FROM (SELECT product_id, sum(quantity) AS units FROM catalog_schema.inventory_reservations
                              WHERE status = 'RETURNED' GROUP BY product_id) s
        FULL JOIN (%s) c ON c.product_id = s.product_id
        WHERE coalesce(s.units, 0) <> coalesce(c.units, 0)""".formatted(RETURNED_UNITS)));
    checks.addAll(refundChecks());
    checks.add(check("products whose sold units differ from confirmed lines", Kind.TWICE, """
        SELECT count(*) FROM (SELECT product_id, sum(quantity) AS units FROM catalog_schema.inventory_reservations
                              WHERE status = 'COMMITTED' GROUP BY product_id) s
        FULL JOIN (%s) c ON c.product_id = s.product_id
        WHERE coalesce(s.units, 0) <> coalesce(c.units, 0)""".formatted(CONFIRMED_UNITS)));
    if (!initialStock.isEmpty()) {
      // seeded − sold + returned: what is gone is exactly the kept orders' lines
      checks.add(check("products whose stock on hand is not seeded minus sold plus returned", Kind.TWICE, """
          SELECT count(*) FROM catalog_schema.products p JOIN (VALUES %s) AS start(id, stock) ON start.id = p.id
          LEFT JOIN (%s) c ON c.product_id = p.id
          WHERE start.stock - p.stock_on_hand <> coalesce(c.units, 0)""".formatted(startValues(), CONFIRMED_UNITS)));
    }
    checks.add(check("checked-out carts differing from confirmed orders", Kind.TWICE, """
        SELECT abs((SELECT count(*) FROM cart_schema.carts WHERE status = 'CHECKED_OUT')
                   - (SELECT count(*) FROM orders_schema.orders o WHERE %s))""".formatted(EVER_CONFIRMED)));

    checks.add(check("products over-reserved or negative", Kind.STATE, """
        SELECT count(*) FROM catalog_schema.products
        WHERE stock_reserved > stock_on_hand OR stock_on_hand < 0 OR stock_reserved < 0"""));
    checks.add(check("products whose reserved stock differs from their held reservations", Kind.STATE, """
        SELECT count(*) FROM catalog_schema.products p
        LEFT JOIN (SELECT product_id, sum(quantity) AS held FROM catalog_schema.inventory_reservations
                   WHERE status = 'RESERVED' GROUP BY product_id) r ON r.product_id = p.id
        WHERE p.stock_reserved <> coalesce(r.held, 0)"""));
    checks.add(check("failed sagas whose stock was not released", Kind.STATE, """
        SELECT count(*) FROM catalog_schema.inventory_reservations r JOIN orders_schema.orders o ON o.id = r.order_id
        WHERE (o.status = 'FAILED' OR (o.status = 'CANCELLED' AND NOT %s)) AND r.status <> 'RELEASED'"""
        .formatted(EVER_CONFIRMED)));
    checks.add(check("confirmed orders not sold from their reservation", Kind.STATE, """
        SELECT count(*) FROM orders_schema.orders o
        WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND (NOT EXISTS (SELECT 1 FROM catalog_schema.inventory_reservations r
                                                      WHERE r.order_id = o.id)
                                          OR EXISTS (SELECT 1 FROM catalog_schema.inventory_reservations r
                                                     WHERE r.order_id = o.id AND r.status <> 'COMMITTED'))"""));
    checks.add(check("confirmed orders without a processed payment", Kind.STATE, """
        SELECT count(*) FROM orders_schema.orders o LEFT JOIN orders_schema.payments p ON p.order_id = o.id
        WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND p.status IS DISTINCT FROM 'PROCESSED'"""));
    checks.add(check("failed or cancelled orders left charged or pending", Kind.STATE, """
        SELECT count(*) FROM orders_schema.orders o JOIN orders_schema.payments p ON p.order_id = o.id
        WHERE o.status IN ('FAILED', 'CANCELLED')
          AND p.status IN ('PROCESSED', 'PENDING', 'REFUND_REQUIRED', 'REFUNDING')"""));
    checks.add(check("orders both shipped and cancelled", Kind.STATE, """
        SELECT count(*) FROM (SELECT order_id FROM orders_schema.saga_events WHERE outcome = 'applied'
                              GROUP BY order_id
                              HAVING bool_or(to_state = 'SHIPPED')
                                 AND bool_or(to_state IN ('CANCELLING_CHECKOUT', 'CANCELLING', 'CANCELLED'))) conflicting"""));
    checks.add(check("declined cards not failed", Kind.STATE, "SELECT count(*) FROM orders_schema.orders"
        + " WHERE payment_token = 'tok_decline' AND status NOT IN ('FAILED', 'CANCELLED')"));
    // cart knows a checkout's outcome only: CONFIRMED once the order was, FAILED if it never was
    checks.add(check("checkouts whose outcome differs between cart and orders", Kind.STATE, """
        SELECT count(*) FROM cart_schema.saga_state c JOIN orders_schema.orders o ON o.id = c.order_id
        WHERE c.status <> CASE WHEN %s THEN 'CONFIRMED' WHEN o.status = 'CANCELLED' THEN 'FAILED'
                               ELSE o.status END""".formatted(EVER_CONFIRMED)));
    return checks;
  }

  /**
   * The refund checks alone: they read the orders schema only, so a test of the orders service
   * by itself can run them.
   */
  public List<Check> refundChecks() {
    List<Check> checks = new ArrayList<>();
    // what the provider confirmed it returned, refund by refund (a repeated answer is one row)
    checks.add(check("refunds differing from charges", Kind.TWICE, """
        SELECT count(*) FROM orders_schema.orders o JOIN orders_schema.payments p ON p.order_id = o.id
        LEFT JOIN (SELECT order_id, sum(amount_cents) AS cents FROM orders_schema.payment_refunds
                   GROUP BY order_id) r ON r.order_id = o.id
        WHERE coalesce(r.cents, 0) <> p.refunded_cents
           OR (%s AND coalesce(r.cents, 0) <> p.amount_cents)
           OR (o.status IN ('FAILED', 'CANCELLED') AND NOT %s
               AND coalesce(r.cents, 0) <> CASE WHEN p.status = 'REFUNDED' THEN p.amount_cents ELSE 0 END)
           OR (o.status = 'REFUNDED' AND p.status <> 'REFUNDED')
           OR (o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND coalesce(r.cents, 0) <> 0)"""
        .formatted(REFUNDED_ORDER, EVER_CONFIRMED)));
    checks.add(check("payments refunded more than once", Kind.TWICE, """
        SELECT count(*) FROM (SELECT 1 FROM orders_schema.payment_refunds
                              GROUP BY order_id HAVING count(*) > 1) twice"""));
    return checks;
  }

  /** The sum of the violations of one kind. */
  public static long total(List<Check> checks, Kind kind) {
    return checks.stream().filter(c -> c.kind() == kind).mapToLong(Check::violations).sum();
  }

  /** Fails naming every broken check. */
  public void assertHold() {
    assertHold(checks());
  }

  public static void assertHold(List<Check> checks) {
    List<Check> broken = checks.stream().filter(c -> c.violations() != 0).toList();
    assertThat(broken).as("broken invariants: %s", broken.stream()
        .map(c -> c.name() + " = " + c.violations()).collect(Collectors.joining("; "))).isEmpty();
  }

  private Check check(String name, Kind kind, String sql) {
    return new Check(name, kind, scalar.applyAsLong(sql));
  }

  /** Events of the subscription's producer that its consumer has no inbox row for. */
  private Optional<Check> undelivered(List<String> outboxes, Topology topology, Subscription sub) {
    String producer = ServiceSchema.of(sub.producer()).schema();
    if (!outboxes.contains(producer)) {
      return Optional.empty();
    }
    String keys = sub.routingKeys().stream().sorted().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    return Optional.of(check("events " + sub.consumer() + " never applied (from " + sub.producer() + ")",
        Kind.LOST, """
            SELECT count(*) FROM %s.outbox o
            WHERE o.exchange = '%s.events' AND o.routing_key IN (%s)
              AND NOT EXISTS (SELECT 1 FROM %s.processed_events e
                              WHERE e.consumer = '%s' AND e.event_id = o.event_id)"""
            .formatted(producer, sub.producer(), keys, ServiceSchema.of(topology.service()).schema(), sub.consumer())));
  }

  // a service that never ran in this test has no outbox table
  private List<String> outboxSchemas() {
    List<String> schemas = new ArrayList<>();
    for (String service : List.of("users", "catalog", "cart", "orders")) {
      String schema = ServiceSchema.of(service).schema();
      if (scalar.applyAsLong("SELECT (to_regclass('" + schema + ".outbox') IS NOT NULL)::int") == 1) {
        schemas.add(schema);
      }
    }
    return schemas;
  }

  private String startValues() {
    return initialStock.entrySet().stream().map(e -> "('" + e.getKey() + "'::uuid, " + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }
}

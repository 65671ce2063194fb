package dev.prost.orders.store;

import dev.prost.orders.domain.SagaState;
import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.PricedLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code orders} and {@code order_items}: the order a checkout became, and how the API shows it. */
public final class Orders {

  /** One page of orders in the API's shape. */
  public record Page(List<JsonObject> items, long total) {}

  /**
   * What the list filters by; null fields do not filter. {@code owner} is whom a customer is
   * (null for an admin), {@code user} the user asked for: both apply.
   */
  public record Filter(UUID owner, UUID user, String status, OffsetDateTime from, OffsetDateTime to) {
    Tuple args() {
      return Tuple.of(owner, status, from, to, user);
    }
  }

  /** What the shop recorded when it shipped. */
  public record Shipment(String carrier, String trackingNumber) {}

  private static final String FILTER = """
      ($1::uuid IS NULL OR o.user_id = $1) AND ($2::text IS NULL OR o.status = $2)
      AND ($3::timestamptz IS NULL OR o.created_at >= $3) AND ($4::timestamptz IS NULL OR o.created_at < $4)
      AND ($5::uuid IS NULL OR o.user_id = $5)""";

  /**
   * Inserts the order and, if {@code withLines}, its lines (a refused checkout's lines may break
   * the table's rules); false, with nothing written, if the order exists already.
   */
  public Future<Boolean> insert(SqlClient client, CartCheckoutInitiated checkout, SagaState status,
      boolean withLines) {
    return client.preparedQuery("""
            INSERT INTO orders (id, user_id, cart_id, status, total_cents, currency, payment_token)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING""")
        .execute(Tuple.of(checkout.orderId(), checkout.userId(), checkout.cartId(), status.name(),
            checkout.totalCents(), checkout.currency(), checkout.paymentToken()))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : withLines ? insertLines(client, checkout) : Future.succeededFuture(true));
  }

  private Future<Boolean> insertLines(SqlClient client, CartCheckoutInitiated checkout) {
    if (checkout.items().isEmpty()) {
      return Future.succeededFuture(true);
    }
    List<Tuple> lines = new ArrayList<>(checkout.items().size());
    for (int i = 0; i < checkout.items().size(); i++) {
      PricedLine line = checkout.items().get(i);
      lines.add(Tuple.of(checkout.orderId(), i + 1, line.productId(), line.quantity(), line.unitPriceCents()));
    }
    return client.preparedQuery("""
            INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_cents)
            VALUES ($1, $2, $3, $4, $5)""")
        .executeBatch(lines)
        .map(true);
  }

  public Future<List<PricedLine>> lines(SqlClient client, UUID orderId) {
    return client.preparedQuery("""
            SELECT product_id, quantity, unit_price_cents FROM order_items WHERE order_id = $1 ORDER BY line_no""")
        .execute(Tuple.of(orderId))
        .map(rows -> {
          List<PricedLine> lines = new ArrayList<>(rows.size());
          rows.forEach(row -> lines.add(new PricedLine(row.getUUID("product_id"), row.getInteger("quantity"),
              row.getLong("unit_price_cents"))));
          return lines;
        });
  }

  /** Mirrors the saga's state on the order; a reason, once set, is kept unless a new one is given. */
  public Future<Void> setStatus(SqlClient client, UUID orderId, SagaState status, String failureReason) {
    return client.preparedQuery("""
            UPDATE orders SET status = $2, failure_reason = coalesce($3, failure_reason),
                              updated_at = now(), version = version + 1
            WHERE id = $1""")
        .execute(Tuple.of(orderId, status.name(), failureReason))
        .mapEmpty();
  }

  public Future<Void> setShipment(SqlClient client, UUID orderId, Shipment shipment) {
    return client.preparedQuery("UPDATE orders SET carrier = $2, tracking_number = $3 WHERE id = $1")
        .execute(Tuple.of(orderId, shipment.carrier(), shipment.trackingNumber()))
        .mapEmpty();
  }

  public Future<Shipment> shipment(SqlClient client, UUID orderId) {
    return client.preparedQuery("SELECT carrier, tracking_number FROM orders WHERE id = $1")
        .execute(Tuple.of(orderId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Shipment(row.getString("carrier"), row.getString("tracking_number"));
        });
  }

  /**
   * The order with its lines and history, if {@code owner} may see it: null {@code owner}
   * (an admin) sees every order; anyone else sees theirs and nothing else, exactly as if the
   * others did not exist. The history leaves out a request re-sent in the state it waits in.
   */
  public Future<Optional<JsonObject>> view(SqlClient client, UUID orderId, UUID owner) {
    return client.preparedQuery("""
            SELECT o.id, o.user_id, o.status, o.total_cents, o.currency, o.failure_reason, o.created_at,
                   o.updated_at, o.carrier, o.tracking_number,
                   (SELECT coalesce(p.refunded_cents, 0) FROM payments p WHERE p.order_id = o.id) AS refunded_cents,
                   (SELECT coalesce(json_agg(json_build_object('product_id', i.product_id, 'quantity', i.quantity,
                             'unit_price_cents', i.unit_price_cents,
                             'line_total_cents', i.quantity * i.unit_price_cents) ORDER BY i.line_no), '[]')
                      FROM order_items i WHERE i.order_id = o.id) AS items,
                   (SELECT coalesce(json_agg(json_build_object('state', e.to_state,
                             'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                             ORDER BY e.id), '[]')
                      FROM saga_events e WHERE e.order_id = o.id AND e.outcome = 'applied'
                        AND e.from_state IS DISTINCT FROM e.to_state) AS history
            FROM orders o WHERE o.id = $1 AND ($2::uuid IS NULL OR o.user_id = $2)""")
        .execute(Tuple.of(orderId, owner))
        .map(rows -> rows.size() == 0 ? Optional.<JsonObject>empty() : Optional.of(toJson(rows.iterator().next(), true)));
  }

  /** A page of orders, newest first, that match {@code filter}. */
  public Future<Page> list(SqlClient client, Filter filter, int page, int size) {
    return client.preparedQuery("""
            SELECT o.id, o.user_id, o.status, o.total_cents, o.currency, o.failure_reason, o.created_at,
                   o.updated_at, count(*) OVER () AS total
            FROM orders o WHERE """ + FILTER + """
             ORDER BY o.created_at DESC, o.id LIMIT $6 OFFSET $7""")
        .execute(filter.args().addValue(size).addValue((long) (page - 1) * size))
        .compose(rows -> {
          List<JsonObject> items = new ArrayList<>(rows.size());
          long total = 0;
          for (Row row : rows) {
            items.add(toJson(row, false));
            total = row.getLong("total");
          }
          if (rows.size() == 0 && page > 1) {
            // past the last page: the window function had no row to report the total on
            return count(client, filter).map(n -> new Page(items, n));
          }
          return Future.succeededFuture(new Page(items, total));
        });
  }

  private Future<Long> count(SqlClient client, Filter filter) {
    return client.preparedQuery("SELECT count(*) FROM orders o WHERE " + FILTER)
        .execute(filter.args())
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static JsonObject toJson(Row row, boolean full) {
    JsonObject order = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("user_id", row.getUUID("user_id").toString())
        .put("status", row.getString("status"))
        .put("total_cents", row.getLong("total_cents"))
        .put("currency", row.getString("currency"))
        .put("failure_reason", row.getString("failure_reason"))
        .put("created_at", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updated_at", row.getOffsetDateTime("updated_at").toInstant().toString());
    if (full) {
      order.put("carrier", row.getString("carrier"));
      order.put("tracking_number", row.getString("tracking_number"));
      order.put("refunded_cents", row.getLong("refunded_cents") == null ? 0L : row.getLong("refunded_cents"));
      order.put("items", json(row.getValue("items")));
      order.put("history", json(row.getValue("history")));
    }
    return order;
  }

  private static JsonArray json(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
  }
}

package dev.prost.orders.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code payments}: at most one row per order, ever, and a charge only by whoever inserted it
 * (with attempts 1, in the transaction that recorded the PaymentRequested). Together they make
 * "charged at most once" a property of the table, whatever the broker redelivers. A row with
 * attempts 0 (written before the claim moved into the insert) still voids without a refund.
 *
 * <pre>
 * PENDING ─┬→ PROCESSED ──(saga gave up)──→ REFUND_REQUIRED → REFUNDED | VOIDED
 *          ├→ DECLINED
 *          └→ VOIDED (never charged) | REFUND_REQUIRED (a charge may be in flight)
 * PROCESSED ──(order cancelled or returned)──→ REFUNDING → REFUNDED
 * </pre>
 *
 * Each refund the provider confirmed is a {@code payment_refunds} row, keyed by the provider's
 * refund reference, and adds its amount to {@code refunded_cents}: a provider answering a
 * repeated refund with the same reference adds nothing, and a second real refund would show as
 * a second row and a refunded amount above the charge.
 */
public final class Payments {

  /** A payment to refund, as the refund sweep claimed it. */
  public record Refund(UUID orderId, String providerReference) {}

  /**
   * Records the payment as requested and takes, in the same statement, the one right to call the
   * gateway for this order (the row is born with attempts 1); false if the order has a payment
   * row already (charged, being charged or voided): then this request may not call the gateway.
   */
  public Future<Boolean> requestAndClaim(SqlClient client, UUID orderId, long amountCents, String currency) {
    return client.preparedQuery("""
            INSERT INTO payments (order_id, amount_cents, currency, status, attempts) VALUES ($1, $2, $3, 'PENDING', 1)
            ON CONFLICT (order_id) DO NOTHING""")
        .execute(Tuple.of(orderId, amountCents, currency))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Records the gateway's answer if the payment is still PENDING; false if the saga voided it
   * meanwhile (then a successful charge is turned into REFUND_REQUIRED, for the refund sweep).
   */
  public Future<Boolean> settle(SqlClient client, UUID orderId, boolean charged, String reference, String reason) {
    return client.preparedQuery("""
            UPDATE payments SET status = CASE WHEN $2 THEN 'PROCESSED' ELSE 'DECLINED' END,
                   provider_reference = $3, failure_reason = $4, updated_at = now()
            WHERE order_id = $1 AND status = 'PENDING'""")
        .execute(Tuple.of(orderId, charged, reference, reason))
        .compose(rows -> rows.rowCount() == 1 || !charged
            ? Future.succeededFuture(rows.rowCount() == 1)
            : client.preparedQuery("""
                    UPDATE payments SET status = 'REFUND_REQUIRED', provider_reference = $2, updated_at = now()
                    WHERE order_id = $1 AND status IN ('VOIDED', 'REFUND_REQUIRED')""")
                .execute(Tuple.of(orderId, reference))
                .map(false));
  }

  /**
   * The saga gave up: no charge may start any more, and one that may have happened is marked
   * for refund. Answers what was done, for the compensation log.
   */
  public Future<String> voidFor(SqlClient client, UUID orderId, long amountCents, String currency) {
    return client.preparedQuery("""
            INSERT INTO payments (order_id, amount_cents, currency, status) VALUES ($1, $2, $3, 'VOIDED')
            ON CONFLICT (order_id) DO UPDATE SET
              status = CASE WHEN payments.status = 'PENDING' AND payments.attempts = 0 THEN 'VOIDED'
                            WHEN payments.status IN ('PENDING', 'PROCESSED') THEN 'REFUND_REQUIRED'
                            ELSE payments.status END,
              updated_at = now()
            RETURNING status""")
        .execute(Tuple.of(orderId, amountCents, currency))
        .map(rows -> switch (rows.iterator().next().getString("status")) {
          case "VOIDED" -> "voided before any charge";
          case "REFUND_REQUIRED" -> "refund required";
          default -> "nothing to void (" + rows.iterator().next().getString("status").toLowerCase() + ")";
        });
  }

  /** Locks up to {@code limit} payments waiting for a refund, skipping those another instance holds. */
  public Future<List<Refund>> claimRefunds(SqlClient client, int limit) {
    return client.preparedQuery("""
            SELECT order_id, provider_reference FROM payments WHERE status = 'REFUND_REQUIRED'
            ORDER BY updated_at LIMIT $1 FOR UPDATE SKIP LOCKED""")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Refund> refunds = new ArrayList<>(rows.size());
          rows.forEach(row -> refunds.add(new Refund(row.getUUID("order_id"), row.getString("provider_reference"))));
          return refunds;
        });
  }

  /**
   * Ends a refund: REFUNDED if money went back (recorded under its reference), VOIDED if the
   * gateway never charged.
   */
  public Future<Void> refunded(SqlClient client, UUID orderId, Optional<String> reference) {
    return client.preparedQuery("""
            UPDATE payments SET status = $2, updated_at = now()
            WHERE order_id = $1 AND status = 'REFUND_REQUIRED'""")
        .execute(Tuple.of(orderId, reference.isPresent() ? "REFUNDED" : "VOIDED"))
        .compose(rows -> reference.isPresent() ? record(client, orderId, reference.get()) : Future.succeededFuture());
  }

  /**
   * Records a refund the provider confirmed, whatever the payment's status: the same reference
   * again (the provider repeating its answer) adds nothing, another one adds the amount again.
   */
  private Future<Void> record(SqlClient client, UUID orderId, String reference) {
    return client.preparedQuery("""
            WITH refund AS (
              INSERT INTO payment_refunds (provider_reference, order_id, amount_cents)
              SELECT $2, order_id, amount_cents FROM payments WHERE order_id = $1
              ON CONFLICT (provider_reference) DO NOTHING RETURNING amount_cents)
            UPDATE payments SET refunded_cents = payments.refunded_cents + refund.amount_cents
            FROM refund WHERE payments.order_id = $1""")
        .execute(Tuple.of(orderId, reference))
        .mapEmpty();
  }

  /** A payment as a refund request finds it. */
  public record Charged(String status, long amountCents, String currency, String providerReference) {}

  /**
   * A refund of a confirmed order's charge is asked for: PROCESSED becomes REFUNDING (a second
   * request finds REFUNDING or REFUNDED and changes nothing). Answers the payment as it is now.
   */
  public Future<Optional<Charged>> startRefund(SqlClient client, UUID orderId) {
    return client.preparedQuery("""
            UPDATE payments SET status = 'REFUNDING', updated_at = now()
            WHERE order_id = $1 AND status = 'PROCESSED'""")
        .execute(Tuple.of(orderId))
        .compose(v -> client.preparedQuery("""
                SELECT status, amount_cents, currency, provider_reference FROM payments WHERE order_id = $1""")
            .execute(Tuple.of(orderId)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<Charged>empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Charged(row.getString("status"), row.getLong("amount_cents"),
              row.getString("currency"), row.getString("provider_reference")));
        });
  }

  /**
   * Ends a refund (REFUNDING → REFUNDED) and records the provider's refund under {@code reference};
   * empty if the provider said it held no charge (then nothing is recorded as refunded).
   */
  public Future<Void> finishRefund(SqlClient client, UUID orderId, Optional<String> reference) {
    return client.preparedQuery("""
            UPDATE payments SET status = 'REFUNDED', updated_at = now()
            WHERE order_id = $1 AND status = 'REFUNDING'""")
        .execute(Tuple.of(orderId))
        .compose(rows -> reference.isPresent() ? record(client, orderId, reference.get()) : Future.succeededFuture());
  }

  /** What went back to the customer for the order (0 if nothing, or no payment). */
  public Future<Long> refundedCents(SqlClient client, UUID orderId) {
    return client.preparedQuery("SELECT refunded_cents FROM payments WHERE order_id = $1")
        .execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  public Future<Optional<String>> status(SqlClient client, UUID orderId) {
    return client.preparedQuery("SELECT status FROM payments WHERE order_id = $1")
        .execute(Tuple.of(orderId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<String>empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(row.getString("status"));
        });
  }
}

# shellcheck shell=bash
# The invariants of DESIGN.md §6, checked after a load run has drained, against the run's
# database (as the superuser: the checks join across the services' schemas, which no service
# role may) and its RabbitMQ vhost. Sourced by scripts/bench after load-system.sh.

# Each check is a name and a query answering the number of violations.
load_invariant_checks() {
  local stock=$1
  # an order confirmed at some point, whatever came after (a cancellation after confirmation)
  local ever_confirmed="EXISTS (SELECT 1 FROM orders_schema.saga_events e WHERE e.order_id = o.id AND e.to_state = 'CONFIRMED' AND e.outcome = 'applied')"
  # a return whose units went back to stock
  local restocked="EXISTS (SELECT 1 FROM orders_schema.saga_events e WHERE e.order_id = o.id AND e.to_state = 'RESTOCKING' AND e.outcome = 'applied')"
  # the states a saga rests in (SagaState.atRest); any other is still waiting for an answer
  local at_rest="('CONFIRMED', 'FAILED', 'CANCELLED', 'SHIPPED', 'DELIVERED', 'REFUNDED')"
  # sold and kept: units that left stock for good
  local kept="(o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') OR (o.status = 'REFUNDED' AND NOT $restocked))"
  # sold and given back: cancelled after confirmation, or returned with restock
  local returned="((o.status = 'CANCELLED' AND $ever_confirmed) OR (o.status = 'REFUNDED' AND $restocked))"
  # whose charge must have gone back: cancelled after confirmation, or returned
  local refunded="((o.status = 'CANCELLED' AND $ever_confirmed) OR o.status = 'REFUNDED')"
  local refund_sums="LEFT JOIN (SELECT order_id, sum(amount_cents) AS cents FROM orders_schema.payment_refunds GROUP BY order_id) r ON r.order_id = o.id"
  cat <<SQL
sagas not ended in orders|SELECT count(*) FROM orders_schema.saga_state WHERE state NOT IN $at_rest
checkouts not terminal in cart|SELECT count(*) FROM cart_schema.saga_state WHERE status = 'INITIATED'
cart and orders disagree on an outcome|SELECT count(*) FROM cart_schema.saga_state c JOIN orders_schema.orders o ON o.id = c.order_id WHERE c.status <> CASE WHEN $ever_confirmed THEN 'CONFIRMED' WHEN o.status = 'CANCELLED' THEN 'FAILED' ELSE o.status END
products with reserved > on hand or negative stock|SELECT count(*) FROM catalog_schema.products WHERE stock_reserved > stock_on_hand OR stock_on_hand < 0 OR stock_reserved < 0
products still holding reserved stock|SELECT count(*) FROM catalog_schema.products WHERE stock_reserved <> 0
products whose units gone differ from their kept order lines|SELECT count(*) FROM catalog_schema.products p LEFT JOIN (SELECT i.product_id, sum(i.quantity) AS units FROM orders_schema.order_items i JOIN orders_schema.orders o ON o.id = i.order_id WHERE $kept GROUP BY i.product_id) c ON c.product_id = p.id WHERE $stock - p.stock_on_hand <> coalesce(c.units, 0)
products whose returned units differ from cancelled or restocked lines|SELECT count(*) FROM (SELECT product_id, sum(quantity) AS units FROM catalog_schema.inventory_reservations WHERE status = 'RETURNED' GROUP BY product_id) s FULL JOIN (SELECT i.product_id, sum(i.quantity) AS units FROM orders_schema.order_items i JOIN orders_schema.orders o ON o.id = i.order_id WHERE $returned GROUP BY i.product_id) c ON c.product_id = s.product_id WHERE coalesce(s.units, 0) <> coalesce(c.units, 0)
reservations of failed sagas not released|SELECT count(*) FROM catalog_schema.inventory_reservations r JOIN orders_schema.orders o ON o.id = r.order_id WHERE (o.status = 'FAILED' OR (o.status = 'CANCELLED' AND NOT $ever_confirmed)) AND r.status NOT IN ('RELEASED', 'EXPIRED')
reservations of confirmed sagas not sold|SELECT count(*) FROM catalog_schema.inventory_reservations r JOIN orders_schema.orders o ON o.id = r.order_id WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND r.status <> 'COMMITTED'
confirmed orders not charged exactly once|SELECT count(*) FROM orders_schema.orders o WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND (SELECT count(*) FROM orders_schema.payments p WHERE p.order_id = o.id AND p.status = 'PROCESSED') <> 1
refunds differing from charges|SELECT count(*) FROM orders_schema.orders o JOIN orders_schema.payments p ON p.order_id = o.id $refund_sums WHERE coalesce(r.cents, 0) <> p.refunded_cents OR ($refunded AND coalesce(r.cents, 0) <> p.amount_cents) OR (o.status IN ('FAILED', 'CANCELLED') AND NOT $ever_confirmed AND coalesce(r.cents, 0) <> CASE WHEN p.status = 'REFUNDED' THEN p.amount_cents ELSE 0 END) OR (o.status = 'REFUNDED' AND p.status <> 'REFUNDED') OR (o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND coalesce(r.cents, 0) <> 0)
payments refunded more than once|SELECT count(*) FROM (SELECT 1 FROM orders_schema.payment_refunds GROUP BY order_id HAVING count(*) > 1) twice
failed or cancelled orders left charged or pending|SELECT count(*) FROM orders_schema.orders o JOIN orders_schema.payments p ON p.order_id = o.id WHERE o.status IN ('FAILED', 'CANCELLED') AND p.status IN ('PROCESSED', 'PENDING', 'REFUND_REQUIRED', 'REFUNDING')
orders both shipped and cancelled|SELECT count(*) FROM (SELECT order_id FROM orders_schema.saga_events WHERE outcome = 'applied' GROUP BY order_id HAVING bool_or(to_state = 'SHIPPED') AND bool_or(to_state IN ('CANCELLING_CHECKOUT', 'CANCELLING', 'CANCELLED'))) conflicting
saga transitions applied twice|SELECT count(*) FROM (SELECT 1 FROM orders_schema.saga_events WHERE outcome = 'applied' AND from_state IS DISTINCT FROM to_state GROUP BY order_id, to_state HAVING count(*) > 1) twice
events applied twice by one consumer|SELECT (SELECT count(*) FROM (SELECT 1 FROM orders_schema.processed_events GROUP BY consumer, event_id HAVING count(*) > 1) o) + (SELECT count(*) FROM (SELECT 1 FROM catalog_schema.processed_events GROUP BY consumer, event_id HAVING count(*) > 1) c) + (SELECT count(*) FROM (SELECT 1 FROM cart_schema.processed_events GROUP BY consumer, event_id HAVING count(*) > 1) k)
outbox rows never published|SELECT (SELECT count(*) FROM orders_schema.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM catalog_schema.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM cart_schema.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM users_schema.outbox WHERE published_at IS NULL)
SQL
}

# Prints every check with its count and sets load_violations to their sum. $1: the stock each
# seeded product started with (all products of a bench database are seeded by the run).
load_invariants() {
  local stock=$1 name query count
  load_violations=0
  echo "invariants after the drain:"
  while IFS='|' read -r name query; do
    count=$(psql_admin -d "$load_db" -Atc "$query")
    printf '  %-66s %s\n' "$name" "$count"
    load_violations=$((load_violations + count))
  done < <(load_invariant_checks "$stock")
  # a broker that cannot be asked counts as a violation: nothing was shown to hold
  count=$(load_queue_depth '[.]dlq$') || count=1
  printf '  %-66s %s\n' "messages in dead-letter queues" "$count"
  load_violations=$((load_violations + count))
  count=$(load_queue_depth '[.]events[.][a-z-]+([.]retry)?$') || count=1
  printf '  %-66s %s\n' "messages still queued (work and retry queues)" "$count"
  load_violations=$((load_violations + count))
  if ((load_violations)); then
    rabbitmqctl -q list_queues -p "$load_id" name messages 2>/dev/null | awk '$2 > 0' >&2 || true
    echo "invariants: $load_violations violation(s)"
  else
    echo "invariants: all hold"
  fi
}

package dev.prost.cart.events;

import dev.prost.cart.store.Carts;
import dev.prost.cart.store.ProductViews;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.ProductCreated;
import dev.prost.platform.events.ProductUpdated;
import dev.prost.platform.events.UserRegistered;
import dev.prost.platform.messaging.EventHandlers;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cart consumer's table: catalog's product events keep {@code product_view}, users'
 * registrations open carts. Each runs on the consumer's connection, inside the transaction
 * of its inbox row. Both writes are conditional inserts, so redelivery, reordering and a
 * race with the HTTP side change nothing twice.
 */
public final class ProjectionHandlers {

  private static final Logger log = LoggerFactory.getLogger(ProjectionHandlers.class);

  private final ProductViews views = new ProductViews();
  private final Carts carts = new Carts();

  private ProjectionHandlers() {}

  public static EventHandlers create() {
    ProjectionHandlers handlers = new ProjectionHandlers();
    return EventHandlers.builder()
        .on(ProductCreated.class, handlers::created)
        .on(ProductUpdated.class, handlers::updated)
        .on(UserRegistered.class, handlers::registered)
        .build();
  }

  // a v1 ProductCreated arrives here already upcast (null supplier), which the view ignores
  private Future<Void> created(SqlConnection conn, EventEnvelope envelope, ProductCreated event) {
    return views.upsert(conn, event.productId(), event.name(), event.priceCents(), event.currency(),
            event.active(), event.productVersion())
        .map(applied -> skipped(applied, envelope, event.productVersion()));
  }

  private Future<Void> updated(SqlConnection conn, EventEnvelope envelope, ProductUpdated event) {
    return views.upsert(conn, event.productId(), event.name(), event.priceCents(), event.currency(),
            event.active(), event.productVersion())
        .map(applied -> skipped(applied, envelope, event.productVersion()));
  }

  private Future<Void> registered(SqlConnection conn, EventEnvelope envelope, UserRegistered event) {
    return carts.openFor(conn, event.userId()).mapEmpty();
  }

  private static Void skipped(boolean applied, EventEnvelope envelope, long version) {
    if (!applied) {
      // normal under reordering: a newer version of the product is already in the view
      log.debug("{} {} (product version {}) is not newer than the view; ignored",
          envelope.metadata().eventType(), envelope.metadata().eventId(), version);
    }
    return null;
  }
}

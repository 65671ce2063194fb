package dev.prost.cart;

import dev.prost.cart.domain.Backlog;
import dev.prost.cart.store.SagaCounts;
import dev.prost.platform.service.PeriodicSweep;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Reads the saga's backlog into {@link SagaBacklog} every {@code PROST_CHECKOUT_BACKLOG_REFRESH}:
 * one query of the cart's own schema. The completion rate is over the span the window's
 * completions cover (at least one refresh, at most the window), so a saga that has only just
 * begun to finish work, after a quiet spell or a stall, is not taken for a slow one.
 */
public final class SagaBacklogRefresh extends PeriodicSweep {

  private final Pool pool;
  private final CheckoutBacklogSettings settings;
  private final SagaBacklog backlog;
  private final SagaCounts counts = new SagaCounts();

  public SagaBacklogRefresh(Pool pool, CheckoutBacklogSettings settings, SagaBacklog backlog) {
    super(settings.refresh());
    this.pool = pool;
    this.settings = settings;
    this.backlog = backlog;
  }

  @Override
  public Future<Backlog> sweep() {
    return counts.read(pool, settings.window(), settings.horizon())
        .map(read -> new Backlog(read.inFlight(), read.ended(), span(read.oldestEndedSeconds())))
        .onSuccess(backlog::read)
        .onFailure(backlog::unreadable);
  }

  private double span(double oldestEnded) {
    double refresh = settings.refresh().toNanos() / 1e9;
    double window = settings.window().toNanos() / 1e9;
    return Math.min(window, Math.max(refresh, oldestEnded));
  }
}

package dev.prost.cart;

import dev.prost.cart.domain.Backlog;
import dev.prost.platform.http.admission.AdmissionCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout gate: admits a checkout only while the saga's backlog, as last read from the
 * database by {@link SagaBacklogRefresh}, is within its bound ({@link Backlog#admits}). The
 * request path only reads the cached figure, so a refused checkout costs no database work; the
 * figure is the database's, so every cart instance sees the same backlog. Without a figure
 * (none read yet, the last read failed, or it is older than the window) every checkout is
 * admitted: the gate fails open, and says so once in the log, not per request.
 */
public final class SagaBacklog implements AdmissionCheck {

  private static final Logger log = LoggerFactory.getLogger(SagaBacklog.class);

  private record Reading(Backlog backlog, long readAt) {}

  private final CheckoutBacklogSettings settings;
  private final LongSupplier nanoTime;
  private volatile Reading last;
  // written by the refresh only
  private boolean failing;

  public SagaBacklog(CheckoutBacklogSettings settings) {
    this(settings, System::nanoTime);
  }

  SagaBacklog(CheckoutBacklogSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  @Override
  public String name() {
    return "backlog";
  }

  @Override
  public boolean admits() {
    Backlog backlog = current();
    return backlog == null || backlog.admits(settings.floor(), settings.maxSeconds());
  }

  /** The figure the gate goes by; null when there is none (every checkout is admitted). */
  public Backlog current() {
    Reading reading = last;
    if (reading == null || nanoTime.getAsLong() - reading.readAt() > settings.window().toNanos()) {
      return null;
    }
    return reading.backlog();
  }

  /** A figure just read. */
  void read(Backlog backlog) {
    last = new Reading(backlog, nanoTime.getAsLong());
    if (failing) {
      failing = false;
      log.info("the checkout backlog is read again; checkouts are admitted by it again");
    }
  }

  /** The read failed: no figure until the next one succeeds. */
  void unreadable(Throwable failure) {
    last = null;
    if (!failing) {
      failing = true;
      log.warn("the checkout backlog cannot be read, every checkout is admitted until it can: {}",
          failure.toString());
    }
  }

  /** {@code prost_cart_checkout_inflight}, {@code …_ended_per_second}, {@code …_backlog_seconds}: NaN without a figure. */
  public void register(MeterRegistry registry) {
    gauge(registry, "prost.cart.checkout.inflight", "checkouts in flight (saga not ended), all cart instances",
        backlog -> backlog.inFlight());
    gauge(registry, "prost.cart.checkout.ended.per.second", "checkouts reaching an outcome per second, lately",
        Backlog::endedPerSecond);
    gauge(registry, "prost.cart.checkout.backlog.seconds", "seconds of saga work in flight at the recent rate",
        Backlog::seconds);
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Backlog> value) {
    Gauge.builder(name, this, gate -> {
      Backlog backlog = gate.current();
      return backlog == null ? Double.NaN : value.applyAsDouble(backlog);
    }).description(description).register(registry);
  }
}

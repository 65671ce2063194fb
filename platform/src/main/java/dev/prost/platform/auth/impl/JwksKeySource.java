package dev.prost.platform.auth.impl;

import dev.prost.platform.auth.AuthenticationException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from the users service's JWKS, as one {@link KeyRing}. Loaded at start with retries and
 * backoff; a token naming an unknown kid re-reads the set once (key rotation without
 * restarts). Re-reads are coalesced and rate-limited, so tokens with made-up kids cannot turn
 * us into a load generator against the users service. Thread-safe: one instance may serve
 * several verticles, and every answer is delivered on the caller's context.
 */
public final class JwksKeySource implements KeySource {

  /**
   * @param startupBudget how long the first load keeps retrying before giving up to on-demand reads
   * @param minRefreshInterval the least time between two re-reads caused by unknown kids
   */
  public record Options(Duration startupBudget, Duration minRefreshInterval, Duration requestTimeout) {
    public static final Options DEFAULTS = new Options(Duration.ofSeconds(30), Duration.ofSeconds(10),
        Duration.ofSeconds(5));
  }

  private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final Options options;
  // null until the first load succeeds; a completed future, so a known kid costs no allocation
  private volatile Future<KeyRing> keys;
  // guarded by this
  private Future<Void> inFlight;
  private long lastRefreshNanos;
  private boolean refreshedBefore;

  private JwksKeySource(Vertx vertx, URI url, Options options) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.url = url.toString();
    this.options = options;
  }

  /** Starts loading in the background and answers at once; lookups wait for a load in flight. */
  public static JwksKeySource start(Vertx vertx, URI url, Options options) {
    JwksKeySource source = new JwksKeySource(vertx, url, options);
    source.warmUp(System.nanoTime(), FIRST_BACKOFF_MS);
    return source;
  }

  @Override
  public Future<KeyRing> ring(String kid) {
    if (kid == null) {
      return Future.failedFuture(AuthenticationException.unauthorized("missing kid"));
    }
    Future<KeyRing> known = keys;
    if (known != null && known.result().knows(kid)) {
      return known;
    }
    return onCallerContext(refreshForUnknownKid().transform(ignored -> lookup(kid)));
  }

  private Future<KeyRing> lookup(String kid) {
    Future<KeyRing> known = keys;
    if (known == null) {
      return Future.failedFuture(AuthenticationException.keysUnavailable("token signing keys are not available yet"));
    }
    if (!known.result().knows(kid)) {
      return Future.failedFuture(AuthenticationException.unauthorized("unknown kid"));
    }
    return known;
  }

  private Future<Void> refreshForUnknownKid() {
    synchronized (this) {
      if (inFlight != null) {
        return inFlight;
      }
      long now = System.nanoTime();
      if (refreshedBefore && now - lastRefreshNanos < options.minRefreshInterval().toNanos()) {
        return Future.succeededFuture();
      }
      refreshedBefore = true;
      lastRefreshNanos = now;
    }
    return fetch();
  }

  private void warmUp(long startedNanos, long delayMs) {
    fetch().onFailure(failure -> {
      long elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
      if (elapsedMs + delayMs > options.startupBudget().toMillis()) {
        log.warn("JWKS at {} unavailable for {} ms ({}); loading again when a token needs it", url, elapsedMs,
            failure.getMessage());
        return;
      }
      log.info("JWKS at {} not available yet ({}); retrying in {} ms", url, failure.getMessage(), delayMs);
      vertx.setTimer(delayMs, id -> {
        // an on-demand read may have succeeded meanwhile
        if (keys == null) {
          warmUp(startedNanos, Math.min(delayMs * 2, MAX_BACKOFF_MS));
        }
      });
    });
  }

  /** One download at a time: callers arriving while it runs share its outcome. */
  private Future<Void> fetch() {
    Promise<Void> promise;
    synchronized (this) {
      if (inFlight != null) {
        return inFlight;
      }
      promise = Promise.promise();
      inFlight = promise.future();
    }
    client.getAbs(url)
        .timeout(options.requestTimeout().toMillis())
        .send()
        .map(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
          }
          return KeyRing.fromJwks(response.bodyAsJsonObject());
        })
        .<Void>map(loaded -> {
          // the same keys again keep the same ring, so nothing downstream is rebuilt or cleared
          if (keys == null || !keys.result().equals(loaded)) {
            keys = Future.succeededFuture(loaded);
          }
          return null;
        })
        .onComplete(ar -> {
          synchronized (this) {
            inFlight = null;
          }
          promise.handle(ar);
        });
    return promise.future();
  }

  /**
   * A shared download completes on whichever context started it; handing its result to a
   * request of another event loop there would touch that request from the wrong thread.
   */
  private static <T> Future<T> onCallerContext(Future<T> future) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> {
      if (Vertx.currentContext() == caller) {
        promise.handle(ar);
      } else {
        caller.runOnContext(v -> promise.handle(ar));
      }
    });
    return promise.future();
  }
}

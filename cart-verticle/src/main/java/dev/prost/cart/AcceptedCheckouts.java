package dev.prost.cart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The checkouts this process accepted lately, each with its owner and its committed view: put
 * after the checkout's commit (INITIATED), replaced after an outcome's commit applied in this
 * process. A held status request for one of them starts from this view instead of reading
 * {@code saga_state}. Only what this process committed is here, so an outcome another instance
 * applied is missing: the held request's fallback re-reads still find it. Bounded in size and
 * age; an entry that fell out only costs its request the database read it made before.
 */
public final class AcceptedCheckouts {

  static final int MAX_ENTRIES = 50_000;
  // longer than a saga takes to end (its deadlines are 30 s), past which a view is not worth keeping
  static final Duration TTL = Duration.ofSeconds(60);

  private record Accepted(UUID owner, JsonObject view) {}

  private final Cache<UUID, Accepted> accepted;

  public AcceptedCheckouts() {
    this(MAX_ENTRIES, TTL);
  }

  AcceptedCheckouts(int maxEntries, Duration ttl) {
    // evictions on the caller's thread: no pool's thread of their own, and the bound holds at once
    this.accepted = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl)
        .executor(Runnable::run).build();
  }

  /** After the checkout's commit: {@code view} is its INITIATED view, as the status endpoint renders it. */
  public void accepted(UUID orderId, UUID owner, JsonObject view) {
    accepted.put(orderId, new Accepted(owner, view));
  }

  /** After an outcome's commit in this process: the checkout's view becomes {@code view}, if it is here. */
  public void ended(UUID orderId, JsonObject view) {
    accepted.asMap().computeIfPresent(orderId, (id, was) -> new Accepted(was.owner(), view));
  }

  /** The view of {@code owner}'s checkout, if this process accepted it lately; never another user's. */
  public Optional<JsonObject> view(UUID orderId, UUID owner) {
    Accepted found = accepted.getIfPresent(orderId);
    return found == null || !found.owner().equals(owner) ? Optional.empty() : Optional.of(found.view().copy());
  }

  /** Checkouts in the table now (after evictions due). */
  long size() {
    accepted.cleanUp();
    return accepted.estimatedSize();
  }
}

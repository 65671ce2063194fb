package dev.prost.platform.auth.impl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.prost.platform.auth.Principal;
import java.time.Clock;
import java.time.Duration;

/**
 * Tokens that verified, so a client sending the same token again skips the RS256 check.
 * Keyed by the whole token text: an altered token (and, with canonical base64url, every other
 * spelling) never matches. Bounded, and an entry never outlives its token's {@code exp}.
 */
final class VerifiedTokens {

  private record Entry(Principal principal, long exp) {}

  private final Cache<String, Entry> cache;
  private final Clock clock;

  VerifiedTokens(long maximumSize, Clock clock) {
    this.clock = clock;
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(Expiry.creating((String token, Entry entry) -> untilExp(entry.exp())))
        // upkeep on the calling thread: no pool thread per verifier, and nothing stale left behind a clear
        .executor(Runnable::run)
        .build();
  }

  /** The principal of a token verified before and not expired yet, or null. */
  Principal get(String token) {
    Entry entry = cache.getIfPresent(token);
    if (entry == null) {
      return null;
    }
    // the wall clock decides too: Caffeine's ticker does not follow a clock set forward, and its
    // timer wheel expires an entry up to a second late
    if (clock.instant().getEpochSecond() >= entry.exp()) {
      cache.invalidate(token);
      return null;
    }
    return entry.principal();
  }

  void put(String token, Principal principal, long exp) {
    if (clock.instant().getEpochSecond() < exp) {
      cache.put(token, new Entry(principal, exp));
    }
  }

  /** The signing keys changed: nothing verified with the old ones is trusted any more. */
  void clear() {
    cache.invalidateAll();
  }

  /**
   * Entries a read could still serve. Caffeine evicts an expired entry lazily (its timer wheel
   * turns about once a second), so its own size may still count one no read would return.
   */
  long size() {
    long now = clock.instant().getEpochSecond();
    return cache.asMap().values().stream().filter(entry -> now < entry.exp()).count();
  }

  private Duration untilExp(long exp) {
    Duration left = Duration.ofSeconds(exp).minusMillis(clock.millis());
    return left.isNegative() ? Duration.ZERO : left;
  }
}

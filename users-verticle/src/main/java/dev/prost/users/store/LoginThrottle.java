package dev.prost.users.store;

import dev.prost.platform.redis.RedisConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins in Redis per e-mail and per client address, each in a window that
 * starts with the first failure. Past the limits a login is refused for what is left of
 * the window. When Redis is unreachable the throttle fails open — logins keep working —
 * and says so in the log and in {@code prost.login.throttle.unavailable}.
 */
public final class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  /** Limits and window; DESIGN: 5 per e-mail, 20 per address, 15 minutes. */
  public record Limits(int perEmail, int perAddress, Duration window) {
    public static Limits standard() {
      return new Limits(5, 20, Duration.ofMinutes(15));
    }
  }

  private final RedisConnections redis;
  private final String prefix;
  private final Limits limits;
  private final Counter unavailable;

  public LoginThrottle(RedisConnections redis, String namespace, Limits limits, MeterRegistry registry) {
    this.redis = redis;
    this.prefix = namespace + ":login-failures:";
    this.limits = limits;
    this.unavailable = registry.counter("prost.login.throttle.unavailable");
  }

  /** Seconds to wait when the e-mail or the address is over its limit; empty when allowed. */
  public Future<Optional<Long>> retryAfter(String email, String address) {
    String emailKey = emailKey(email);
    String addressKey = addressKey(address);
    return redis.withTimeout(redis.api().mget(List.of(emailKey, addressKey)))
        .compose(counts -> {
          if (count(counts.get(0)) >= limits.perEmail()) {
            return ttl(emailKey).map(Optional::of);
          }
          if (count(counts.get(1)) >= limits.perAddress()) {
            return ttl(addressKey).map(Optional::of);
          }
          return Future.succeededFuture(Optional.<Long>empty());
        })
        .recover(e -> failOpen("check", e, Optional.empty()));
  }

  public Future<Void> recordFailure(String email, String address) {
    return Future.all(increment(emailKey(email)), increment(addressKey(address))).<Void>mapEmpty()
        .recover(e -> failOpen("count", e, null));
  }

  /** A successful login forgives the e-mail's failures (not the address's). */
  public Future<Void> clear(String email) {
    return redis.withTimeout(redis.api().del(List.of(emailKey(email)))).<Void>mapEmpty()
        .recover(e -> failOpen("clear", e, null));
  }

  private Future<Void> increment(String key) {
    // the window starts with the first failure: EXPIRE ... NX keeps later failures from extending it
    return redis.withTimeout(redis.api().incr(key))
        .compose(n -> redis.withTimeout(redis.api().expire(List.of(key, Long.toString(limits.window().toSeconds()), "NX"))))
        .mapEmpty();
  }

  private Future<Long> ttl(String key) {
    return redis.withTimeout(redis.api().ttl(key)).map(ttl -> Math.max(1L, ttl == null ? 1L : ttl.toLong()));
  }

  private <T> Future<T> failOpen(String what, Throwable e, T fallback) {
    unavailable.increment();
    log.warn("login throttle unavailable ({}), failing open: {}", what, e.getMessage());
    return Future.succeededFuture(fallback);
  }

  private static long count(Response value) {
    return value == null ? 0 : value.toLong();
  }

  private String emailKey(String email) {
    // hashed: the keyspace never holds e-mail addresses in clear
    return prefix + "email:" + sha256(email.trim().toLowerCase(Locale.ROOT));
  }

  private String addressKey(String address) {
    return prefix + "addr:" + address;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

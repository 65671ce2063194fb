package dev.prost.platform.http;

import dev.prost.platform.logging.CorrelationIds;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}: the caller's (a client's, or the load
 * balancer's) when it is a UUID, else a new one. It is echoed on the response, becomes the
 * correlation id of the request's log lines and the {@code instance} of its problem bodies.
 * {@link ServiceRouter} installs it.
 */
public final class RequestIds implements PlatformHandler {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "prost.requestId";
  // only canonical UUIDs are reused: bounded, safe to log and echo, and usable as a correlation id
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  RequestIds() {}

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    UUID id = incoming != null && UUID_TEXT.matcher(incoming).matches()
        ? UUID.fromString(incoming)
        : fastRandomUuid();
    ctx.put(KEY, id.toString());
    ctx.response().putHeader(HEADER, id.toString());
    // each HTTP request runs on its own duplicated context, so this tags this request only
    CorrelationIds.set(id);
    ctx.next();
  }

  /** The request's id, or null when the request failed before the id was assigned. */
  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /**
   * A version-4 UUID from {@link ThreadLocalRandom}: a request id only has to be unique, not
   * unguessable, and {@code UUID.randomUUID()} serialises every request on one SecureRandom.
   */
  private static UUID fastRandomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(most, least);
  }
}

package dev.prost.launcher.gateway;

import dev.prost.platform.http.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the gateway. Towards a service only the ones the API uses, so a
 * client's cookies, hop-by-hop headers or a forged {@code Host} never reach it; back to the
 * client everything the service said except hop-by-hop headers, which describe the
 * gateway's own connection to the service.
 */
final class ForwardedHeaders {

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private static final List<String> TO_SERVICE = List.of(
      "Authorization", "Idempotency-Key", "Content-Type", "Accept");

  // RFC 9110 §7.6.1 plus the obsolete Keep-Alive/Proxy-Connection; X-Request-Id is the gateway's own
  private static final Set<String> NOT_TO_CLIENT = Set.of(
      "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
      "x-request-id");

  private ForwardedHeaders() {}

  /** The headers of the request to the service: the allowed ones, the request id, the client's address. */
  static MultiMap toService(HttpServerRequest in, String requestId) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    for (String name : TO_SERVICE) {
      out.add(name, in.headers().getAll(name));
    }
    out.set(RequestIds.HEADER, requestId);
    out.set(FORWARDED_FOR, forwardedFor(in));
    return out;
  }

  /** Copies the service's answer headers onto the client's response, minus hop-by-hop ones. */
  static void toClient(MultiMap fromService, MultiMap out) {
    fromService.forEach((name, value) -> {
      if (!NOT_TO_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
        out.add(name, value);
      }
    });
  }

  /**
   * The client's {@code X-Forwarded-For} with its address appended. A service trusting the
   * gateway reads the last entry: the one the gateway wrote, which a client cannot forge.
   */
  private static String forwardedFor(HttpServerRequest in) {
    String peer = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
    List<String> earlier = in.headers().getAll(FORWARDED_FOR);
    return earlier.isEmpty() ? peer : String.join(", ", earlier) + ", " + peer;
  }
}

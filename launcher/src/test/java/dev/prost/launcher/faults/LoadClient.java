package dev.prost.launcher.faults;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API as the load's customers and admin use it: every failed answer is tallied by status for
 * the report, and a request that may be repeated is sent again while no answer (or a 5xx) comes,
 * as a client would while a fault lasts.
 */
final class LoadClient {

  /** How long a request is re-sent while no answer comes. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private final Api api;
  private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();

  LoadClient(Api api) {
    this.api = api;
  }

  Api.Reply get(String path, String token) {
    return answered(api.get(path, token));
  }

  Api.Reply post(String path, String token, JsonObject body) {
    return answered(api.post(path, token, body));
  }

  Api.Reply call(String method, String path, String token, JsonObject body, Map<String, String> headers) {
    return answered(api.call(method, path, token, body, headers));
  }

  /** Sends a request (idempotent) again while no answer or a 5xx comes; the final status, 0 if none. */
  int settle(String method, String path, String token, JsonObject body) throws InterruptedException {
    return resend(method, path, token, body, Map.of()).status();
  }

  /**
   * Sends the same request again, every half second, while no answer or a 5xx comes, for at most
   * {@link #PATIENCE}; the last answer.
   */
  Api.Reply resend(String method, String path, String token, JsonObject body, Map<String, String> headers)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Api.Reply reply = new Api.Reply(0, "not sent");
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      reply = call(method, path, token, body, headers);
      if (reply.status() != 0 && reply.status() < 500) {
        return reply;
      }
      Thread.sleep(500);
    }
    return reply;
  }

  /** Failed answers by status (0: no answer at all). */
  Map<Integer, Long> refusals() {
    Map<Integer, Long> counts = new TreeMap<>();
    refusals.forEach((status, count) -> counts.put(status, count.sum()));
    return counts;
  }

  private Api.Reply answered(Api.Reply reply) {
    if (reply.status() == 0 || reply.status() >= 400) {
      refusals.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
    }
    return reply;
  }
}

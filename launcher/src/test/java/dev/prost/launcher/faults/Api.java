package dev.prost.launcher.faults;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The public HTTP API as a client sees it, through HAProxy, which spreads requests over every
 * instance of a service. Blocking: the load runs one thread per customer. A service with no
 * instance up shows as HAProxy's 503, one that is slow as 504, and a cut connection as status 0.
 */
final class Api {

  /** An answer; {@code status} 0 when none came. */
  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    boolean is(int expected) {
      return status == expected;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  Api(String base) {
    this.base = base;
  }

  Reply get(String path, String token) {
    return call("GET", path, token, null, Map.of());
  }

  Reply post(String path, String token, JsonObject body) {
    return call("POST", path, token, body, Map.of());
  }

  Reply call(String method, String path, String token, JsonObject body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Reply(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, "interrupted");
    }
  }
}

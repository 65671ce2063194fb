package dev.prost.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The few JSON calls the fixture makes before a run, outside Gatling's statistics. */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status and a parsed body (null when the body is empty). */
  record Answer(int status, JsonNode body) {
    Answer expect(String what, int... statuses) {
      for (int s : statuses) {
        if (s == status) {
          return this;
        }
      }
      throw new IllegalStateException(what + " answered " + status + ": " + body);
    }
  }

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  Answer get(String url, String token) {
    return join(send("GET", url, token, null));
  }

  Answer post(String url, String token, Map<String, ?> body) {
    return join(send("POST", url, token, body));
  }

  Answer delete(String url, String token) {
    return join(send("DELETE", url, token, null));
  }

  CompletableFuture<Answer> send(String method, String url, String token, Map<String, ?> body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Answer(response.statusCode(), read(response.body())));
  }

  private static Answer join(CompletableFuture<Answer> answer) {
    return answer.join();
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return body == null || body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}

package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What every answer to a hostile request must look like, as checks that report rather than stop. */
final class Answers {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String PROBLEM_BASE = "https://prost.dev/problems/";
  /** Traces of an exception or of the code behind the API: none may reach a client. */
  static final List<String> LEAK_MARKERS = List.of("Exception", "at dev.prost", "dev.prost.", "io.vertx", "java.lang",
      "io.netty", "com.fasterxml", "org.postgresql", "\tat ");

  private Answers() {}

  /**
   * Empty when the answer is a 4xx problem or a 2xx, either declared by the operation's contract;
   * otherwise what is wrong, each line prefixed with {@code what}.
   */
  static List<String> violations(String what, ContractOperation op, HttpResponse<Buffer> response) {
    List<String> found = new ArrayList<>();
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      found.addAll(undeclared(what, op, response));
      found.addAll(leaks(what, response));
    } else if (status == 405) {
      // an empty path parameter addresses another resource, one without the method: not this operation's answer
      found.addAll(problemViolations(what, response));
    } else if (status >= 400 && status < 500) {
      found.addAll(undeclared(what, op, response));
    } else {
      found.add(what + ": status " + status + " " + excerpt(response));
    }
    return found;
  }

  /**
   * Empty when the contract declares the answer's status for {@code op} with the answer's
   * media type, and an error answer is a well-formed problem (unless the contract declares
   * another body for it, as {@code /health/ready} does for 503).
   */
  static List<String> undeclared(String what, ContractOperation op, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    Set<String> mediaTypes = op.responses().get(status);
    if (mediaTypes == null) {
      return List.of(what + ": " + status + " is not declared for " + op.id() + " (it declares "
          + op.responses().keySet() + ") " + excerpt(response));
    }
    String contentType = response.getHeader("Content-Type");
    if (!mediaTypes.isEmpty() && mediaTypes.stream().noneMatch(declared -> sameMediaType(declared, contentType))) {
      return List.of(what + ": " + status + " with Content-Type " + contentType + ", declared " + mediaTypes);
    }
    return status >= 400 && sameMediaType(PROBLEM_JSON, contentType) ? problemViolations(what, response) : List.of();
  }

  private static boolean sameMediaType(String declared, String contentType) {
    return contentType != null && essence(declared).equals(essence(contentType));
  }

  // the type and subtype, without parameters such as charset
  private static String essence(String mediaType) {
    return mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  /** Empty when the answer is a well-formed problem+json body whose status matches the response's. */
  static List<String> problemViolations(String what, HttpResponse<Buffer> response) {
    List<String> found = new ArrayList<>(leaks(what, response));
    String contentType = response.getHeader("Content-Type");
    if (contentType == null || !contentType.startsWith(PROBLEM_JSON)) {
      found.add(what + ": " + response.statusCode() + " with Content-Type " + contentType + " " + excerpt(response));
      return found;
    }
    try {
      JsonObject problem = response.bodyAsJsonObject();
      if (problem == null || problem.getString("type") == null || !problem.getString("type").startsWith(PROBLEM_BASE)) {
        found.add(what + ": problem without a Prost type: " + excerpt(response));
      } else if (problem.getInteger("status", -1) != response.statusCode() || problem.getString("title") == null) {
        found.add(what + ": problem status/title wrong: " + excerpt(response));
      }
    } catch (DecodeException | ClassCastException e) {
      found.add(what + ": problem body is not a JSON object: " + excerpt(response));
    }
    return found;
  }

  static List<String> leaks(String what, HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    List<String> found = new ArrayList<>();
    if (body != null) {
      for (String marker : LEAK_MARKERS) {
        if (body.contains(marker)) {
          found.add(what + ": body shows '" + marker + "': " + excerpt(response));
        }
      }
    }
    return found;
  }

  /** Asserts a problem+json answer of {@code status} and type {@code .../<type>}; answers its body. */
  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(problemViolations("answer", response)).isEmpty();
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(PROBLEM_BASE + type);
    return problem;
  }

  static String excerpt(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    if (body == null) {
      return "(no body)";
    }
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}

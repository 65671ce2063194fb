package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A body over {@code PROST_HTTP_MAX_BODY_BYTES} (64 KiB here) is 413 problem+json from every
 * service and from the entry point, announced by Content-Length or streamed in chunks, before
 * anything else about the request is looked at.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Security: an oversized body is 413")
class BodyLimitTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private static SecurityFixture prost;
  private static Baselines baselines;

  @BeforeAll
  static void start(Vertx vertx) {
    prost = SecurityFixture.start(vertx, db);
    baselines = new Baselines(prost, Baselines.World.random());
  }

  @AfterAll
  static void stop() {
    if (prost != null) {
      prost.stop();
    }
  }

  @Test
  @DisplayName("one byte over the limit, with Content-Length, on every JSON operation, straight and through the entry point")
  void overLimitWithContentLength() {
    List<String> violations = new ArrayList<>();
    for (ContractOperation op : Contracts.withJsonBody()) {
      for (Target target : List.of(op.target(), Target.ENTRY)) {
        Call call = baselines.of(op).rawBody(body(op, SecurityFixture.BODY_LIMIT + 1), "application/json");
        violations.addAll(tooLarge(target.label() + " " + op.id(), call.send(prost, target)));
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  @DisplayName("a chunked body that grows past the limit, on every JSON operation, straight and through the entry point")
  void overLimitChunked() throws IOException {
    List<String> violations = new ArrayList<>();
    for (ContractOperation op : Contracts.withJsonBody()) {
      for (Target target : List.of(op.target(), Target.ENTRY)) {
        String answer = chunked(prost.port(target), op.method().name(), baselines.of(op).uri(),
            body(op, 2 * SecurityFixture.BODY_LIMIT));
        String what = target.label() + " " + op.id() + " chunked";
        String head = answer.contains("\r\n\r\n") ? answer.substring(0, answer.indexOf("\r\n\r\n")) : answer;
        String body = answer.substring(head.length()).trim();
        if (!head.startsWith("HTTP/1.1 413") || !head.toLowerCase(Locale.ROOT).contains(Answers.PROBLEM_JSON)
            || !new JsonObject(body).getString("type").equals(Answers.PROBLEM_BASE + "payload-too-large")) {
          violations.add(what + ": " + answer);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  @DisplayName("the limit holds without a token and on operations that take no body")
  void beforeAuthenticationAndEverywhere() {
    List<String> violations = new ArrayList<>();
    for (ContractOperation op : Contracts.operations()) {
      Call call = baselines.of(op).token(null).rawBody(body(op, SecurityFixture.BODY_LIMIT + 1), "application/json");
      violations.addAll(tooLarge(op.target().label() + " " + op.id() + " without token", call.send(prost, op.target())));
    }
    assertThat(violations).isEmpty();
  }

  @Test
  @DisplayName("a body of exactly the limit is read and judged on its content")
  void atLimit() {
    for (ContractOperation op : Contracts.withJsonBody()) {
      for (Target target : List.of(op.target(), Target.ENTRY)) {
        Call call = baselines.of(op).rawBody(body(op, SecurityFixture.BODY_LIMIT), "application/json");
        HttpResponse<Buffer> response = call.send(prost, target);
        assertThat(response.statusCode()).as(target + " " + op + " " + Answers.excerpt(response)).isNotIn(413, 500);
        assertThat(Answers.violations(target + " " + op, op, response)).isEmpty();
      }
    }
  }

  /**
   * Streams {@code body} in 8 KiB chunks without a Content-Length and answers what came back. A
   * plain socket, because the point is a server answering before the upload ended: an HTTP
   * client would rather finish sending first.
   */
  private static String chunked(int port, String method, String uri, Buffer body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Authorization: Bearer " + prost.adminToken() + "\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      try {
        for (int at = 0; at < body.length(); at += 8192) {
          Buffer chunk = body.slice(at, Math.min(body.length(), at + 8192));
          out.write((Integer.toHexString(chunk.length()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk.getBytes());
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (SocketException e) {
        // the server may close the connection once it has answered: the answer is what counts
      }
      return readAnswer(socket.getInputStream());
    }
  }

  /** The status line, headers and a body of the announced Content-Length. */
  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder answer = new StringBuilder();
    int length = -1;
    int c;
    while ((c = in.read()) >= 0) {
      answer.append((char) c);
      if (answer.toString().endsWith("\r\n\r\n")) {
        for (String line : answer.toString().split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
          }
        }
        break;
      }
    }
    if (length > 0) {
      answer.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
    return answer.toString();
  }

  /** A JSON object of exactly {@code size} bytes: the operation's first member holding a long string. */
  private static Buffer body(ContractOperation op, int size) {
    String field = op.bodyFields().isEmpty() ? "padding" : op.bodyFields().get(0);
    String prefix = "{\"" + field + "\":\"";
    String suffix = "\"}";
    return Buffer.buffer(prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix);
  }

  private static List<String> tooLarge(String what, HttpResponse<Buffer> response) {
    List<String> found = new ArrayList<>(Answers.problemViolations(what, response));
    if (response.statusCode() != 413) {
      found.add(what + ": " + response.statusCode() + " " + Answers.excerpt(response));
    } else if (!response.bodyAsJsonObject().getString("type").equals(Answers.PROBLEM_BASE + "payload-too-large")) {
      found.add(what + ": type " + response.bodyAsJsonObject().getString("type"));
    }
    return found;
  }

}

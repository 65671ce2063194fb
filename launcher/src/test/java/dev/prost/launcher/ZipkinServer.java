package dev.prost.launcher;

import static org.awaitility.Awaitility.await;

import dev.prost.platform.testing.FreePorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Zipkin server (the exec jar Maven copies to {@code target/zipkin}, path in the
 * {@code zipkin.jar} system property), in-memory storage, on a free port, stopped by close.
 */
final class ZipkinServer implements TraceBackend, AutoCloseable {

  private final int port = freePort();
  private final Process process;

  ZipkinServer() {
    String jar = System.getProperty("zipkin.jar", "target/zipkin/zipkin-server.jar");
    if (!new File(jar).isFile()) {
      throw new IllegalStateException("no Zipkin server jar at " + jar + " (mvn process-test-resources copies it)");
    }
    ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", jar)
        .redirectErrorStream(true)
        .redirectOutput(new File(new File(jar).getParentFile(), "zipkin-test.log"));
    builder.environment().put("STORAGE_TYPE", "mem");
    builder.environment().put("QUERY_PORT", Integer.toString(port));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> !process.isAlive() || get("/health").isPresent());
    if (!process.isAlive()) {
      throw new IllegalStateException("Zipkin server exited: " + process.exitValue());
    }
  }

  /** Where exporters send spans ({@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}). */
  String spansEndpoint() {
    return "http://127.0.0.1:" + port + "/api/v2/spans";
  }

  /** The trace as Zipkin's API answers it ({@code /api/v2/trace/{id}}); empty until Zipkin has it. */
  @Override
  public List<TracedSpan> trace(String traceId) {
    return get("/api/v2/trace/" + traceId)
        .map(body -> new JsonArray(body).stream().map(span -> TracedSpan.fromZipkin((JsonObject) span)).toList())
        .orElse(List.of());
  }

  @Override
  public String toString() {
    return "Zipkin";
  }

  /** The body of a 200 answer to {@code path}, or empty (404, not up yet). */
  Optional<String> get(String path) {
    try {
      HttpURLConnection conn = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
      conn.setConnectTimeout(1000);
      conn.setReadTimeout(5000);
      try {
        if (conn.getResponseCode() != 200) {
          return Optional.empty();
        }
        return Optional.of(new String(conn.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } finally {
        conn.disconnect();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String javaBin() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static int freePort() {
    return FreePorts.next();
  }
}

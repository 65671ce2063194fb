package dev.prost.launcher;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code prost} command in a JVM of its own, as an operator runs it: the test's class path,
 * the environment the test gives, output in a log file under {@code target/}. {@link #terminate}
 * sends SIGTERM, exactly what a container runtime or systemd sends.
 */
final class ProstProcess implements AutoCloseable {

  private final Process process;
  final Path log;

  private ProstProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code prost <args>} with {@code env} on top of this JVM's environment. */
  static ProstProcess start(Map<String, String> env, String... args) {
    try {
      Path logs = Files.createDirectories(Path.of("target", "prost-processes"));
      Path log = Files.createTempFile(logs, String.join("-", args).replaceAll("[^a-z-]", "") + "-", ".log");
      List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
          "-Xmx512m", Prost.class.getName()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      return new ProstProcess(builder.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start prost: " + e.getMessage(), e);
    }
  }

  /** Runs a short command to its end; answers its exit code and output. */
  static Result run(Map<String, String> env, String... args) {
    try (ProstProcess prost = start(env, args)) {
      if (!prost.process.waitFor(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("prost " + String.join(" ", args) + " did not finish");
      }
      return new Result(prost.process.exitValue(), Files.readString(prost.log));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  record Result(int exitCode, String output) {}

  /** Waits until {@code url} answers 200 (the process is serving), failing early if it died. */
  ProstProcess awaitReady(String url, Duration patience) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("prost exited with " + process.exitValue() + ", see " + log.toAbsolutePath());
      }
      try {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
    return this;
  }

  /** SIGTERM, then waits for the exit; answers the exit code. */
  int terminate(Duration patience) {
    process.destroy();
    try {
      if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("prost did not stop within " + patience + " of SIGTERM, see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
  }
}

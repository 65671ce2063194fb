package dev.prost.platform.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of one test's own, on a free port, so that a test can stop it ("Redis
 * is down") without touching the machine's Redis that other tests and services use.
 */
public final class PrivateRedis implements AutoCloseable {

  private final Process process;
  private final int port;

  private PrivateRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static PrivateRedis start() throws IOException {
    // claimed for good: nothing else takes the port while this server is stopped
    return start(FreePorts.next());
  }

  /** A fresh, empty server on this one's port, once {@link #stop()} ended it: "Redis is back". */
  public PrivateRedis restart() throws IOException {
    return start(port);
  }

  private static PrivateRedis start(int port) throws IOException {
    Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return true;
      }
    });
    return new PrivateRedis(process, port);
  }

  public URI url() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** Stops the server and waits until it is gone. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

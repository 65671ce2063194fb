package dev.prost.launcher;

import dev.prost.launcher.balancer.HaproxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's HAProxy, run in the foreground by a test with the configuration {@code prost
 * balancer} renders for its deployment; its log goes under {@code target/haproxy/}. Needs the
 * installed {@code haproxy} (scripts/dev-services installs it), not root.
 */
public final class HaproxyProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private HaproxyProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Writes the rendered configuration to {@code dir}/haproxy.cfg and starts HAProxy on it. */
  public static HaproxyProcess start(Path dir, HaproxyConfig.Deployment deployment, String logName)
      throws IOException {
    Path config = Files.createDirectories(dir).resolve("haproxy.cfg");
    Files.writeString(config, HaproxyConfig.render(deployment));
    Path log = Files.createDirectories(Path.of("target", "haproxy")).resolve(logName + ".log");
    Process process = new ProcessBuilder(binary(), "-db", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new HaproxyProcess(process, deployment.port());
  }

  /** The public base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  static String binary() {
    for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    if (System.getenv("PATH") != null) {
      for (String entry : System.getenv("PATH").split(":")) {
        if (Files.isExecutable(Path.of(entry, "haproxy"))) {
          return Path.of(entry, "haproxy").toString();
        }
      }
    }
    throw new IllegalStateException("haproxy is not installed: scripts/dev-services installs it (apt-get install haproxy)");
  }
}

package dev.prost.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The machine's RabbitMQ scripts, run with the environment of one {@link RabbitNodes} fixture:
 * its own HOME holding its own Erlang cookie (the nodes and their rabbitmqctl calls must share
 * it), no machine-wide {@code rabbitmq-env.conf} (it names the shared node), no plugins.
 *
 * <p>Debian's {@code /usr/sbin/rabbitmq*} are wrappers that switch to the {@code rabbitmq} user
 * (and refuse anyone but root or that user); the scripts they call, under
 * {@code /usr/lib/rabbitmq/bin}, run as whoever calls them. {@code PROST_RABBITMQ_BIN} names
 * another directory of those scripts; without either, they are looked up on the PATH.
 */
final class Rabbitmqctl {

  private static final Path DEBIAN_SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");

  private final Map<String, String> environment;

  private Rabbitmqctl(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Writes the fixture's cookie, empty env file and plugin list under {@code dir}. */
  static Rabbitmqctl in(Path dir) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path cookie = home.resolve(".erlang.cookie");
    Files.writeString(cookie, UUID.randomUUID().toString().replace("-", "").toUpperCase());
    // Erlang refuses a cookie file others may read
    Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
    Path envFile = Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
    Path plugins = Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    return new Rabbitmqctl(Map.of(
        "HOME", home.toString(),
        "RABBITMQ_CONF_ENV_FILE", envFile.toString(),
        "RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString()));
  }

  Map<String, String> environment() {
    return environment;
  }

  /** The path (or bare name) of one of RabbitMQ's scripts. */
  String script(String name) {
    String bin = System.getenv("PROST_RABBITMQ_BIN");
    if (bin != null && !bin.isBlank()) {
      return Path.of(bin, name).toString();
    }
    return Files.isExecutable(DEBIAN_SCRIPTS.resolve(name)) ? DEBIAN_SCRIPTS.resolve(name).toString() : name;
  }

  /** {@code rabbitmqctl -n node arguments…}; answers its output, throws when it fails. */
  String run(String node, String... arguments) {
    List<String> command = new ArrayList<>(List.of(script("rabbitmqctl"), "-n", node));
    command.addAll(List.of(arguments));
    return exec(command, environment);
  }

  static String exec(List<String> command, Map<String, String> environment) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.prost.platform.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the local RabbitMQ node with rabbitmqctl, as an operator (or a fault) would. */
public final class Broker {

  private static final Pattern PID = Pattern.compile("(<[^>]+>)");

  private Broker() {}

  /** Force-closes every connection whose client-provided name is {@code name}; answers how many. */
  public static int closeConnectionsNamed(String name) {
    List<String> pids = new ArrayList<>();
    for (String line : run("rabbitmqctl", "-q", "list_connections", "--no-table-headers", "pid", "client_properties")
        .split("\n")) {
      if (line.contains("\"" + name + "\"") || line.contains("<<\"" + name + "\">>")) {
        Matcher m = PID.matcher(line);
        if (m.find()) {
          pids.add(m.group(1));
        }
      }
    }
    for (String pid : pids) {
      run("rabbitmqctl", "-q", "close_connection", pid, "test: forced close");
    }
    return pids.size();
  }

  /** Stops and starts the RabbitMQ application on the local node: every connection drops. */
  public static void restart() {
    restart(Duration.ZERO);
  }

  /** Stops the RabbitMQ application, leaves the node down for {@code down}, then starts it again. */
  public static void restart(Duration down) {
    run("rabbitmqctl", "-q", "stop_app");
    try {
      Thread.sleep(down.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      run("rabbitmqctl", "-q", "start_app");
      run("rabbitmqctl", "-q", "await_startup");
    }
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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

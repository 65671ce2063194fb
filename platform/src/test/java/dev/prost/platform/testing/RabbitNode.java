package dev.prost.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RabbitMQ node of a test's own ({@link RabbitNodes} makes them): its own node name, AMQP
 * and distribution ports, data and log directories, run by the machine's {@code rabbitmq-server}
 * as the test's user. A test may stop, kill, pause and restart it without touching the machine's
 * shared broker. Every wait is on a condition ({@code rabbitmqctl wait}, the process exiting).
 */
public final class RabbitNode {

  private static final Pattern PID = Pattern.compile("(<[^>]+>)");
  private static final int START_TIMEOUT_SECONDS = 180;

  private final String name;
  private final int amqpPort;
  private final int distPort;
  private final Path dir;
  private final Rabbitmqctl ctl;
  private Process server;
  private long pid;

  RabbitNode(String name, int amqpPort, int distPort, Path dir, Rabbitmqctl ctl) {
    this.name = name;
    this.amqpPort = amqpPort;
    this.distPort = distPort;
    this.dir = dir;
    this.ctl = ctl;
  }

  /** The Erlang node name, {@code prost-test-…@localhost}. */
  public String name() {
    return name;
  }

  /** {@code amqp://guest:guest@127.0.0.1:<port>}: guest may log in over the loopback interface. */
  public String amqpUri() {
    return "amqp://guest:guest@127.0.0.1:" + amqpPort;
  }

  public int amqpPort() {
    return amqpPort;
  }

  /** The OS process id of the node's Erlang VM while it runs. */
  public long pid() {
    return pid;
  }

  /** Boots the node (again, with the same data, after a stop or a kill) and waits until it serves. */
  public RabbitNode start() {
    try {
      Files.createDirectories(dir.resolve("log"));
      Files.deleteIfExists(pidFile());
      Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + amqpPort + "\n");
      ProcessBuilder builder = new ProcessBuilder(ctl.script("rabbitmq-server"))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve("console.log").toFile()));
      builder.environment().putAll(ctl.environment());
      builder.environment().putAll(Map.of(
          "RABBITMQ_NODENAME", name,
          "RABBITMQ_DIST_PORT", Integer.toString(distPort),
          "RABBITMQ_MNESIA_BASE", dir.resolve("data").toString(),
          "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
          "RABBITMQ_PID_FILE", pidFile().toString(),
          "RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString(),
          "RABBITMQ_PLUGINS_EXPAND_DIR", dir.resolve("plugins").toString(),
          // distribution on the loopback interface only, as the machine's node
          "ERL_FLAGS", "-kernel inet_dist_use_interface {127,0,0,1}"));
      server = builder.start();
      // waits for the pid file, then for the rabbit application, or fails when the VM exits
      ctl.run(name, "wait", "--timeout", Integer.toString(START_TIMEOUT_SECONDS), pidFile().toString());
      pid = Long.parseLong(Files.readString(pidFile()).trim());
      return this;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("RabbitMQ node " + name + " did not start; its log:\n" + logTail(), e);
    }
  }

  /** A clean shutdown of the node and its VM ({@code rabbitmqctl shutdown} waits for the VM to exit). */
  public void stop() {
    ctl.run(name, "shutdown");
    awaitExit();
  }

  /** SIGKILL to the node's VM, as a crashed machine: no clean-up of any kind. */
  public void kill() {
    vm().ifPresent(ProcessHandle::destroyForcibly);
    awaitExit();
  }

  /** SIGSTOP: the node stops answering anyone (peers, clients) but keeps its sockets open. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  /** The node's rabbitmqctl, e.g. {@code ctl("list_queues")}; answers its output. */
  public String ctl(String... arguments) {
    return ctl.run(name, arguments);
  }

  /** Force-closes every client connection whose client-provided name is {@code connectionName}. */
  public int closeConnectionsNamed(String connectionName) {
    List<String> pids = new ArrayList<>();
    for (String line : ctl("-q", "list_connections", "--no-table-headers", "pid", "client_properties").split("\n")) {
      if (line.contains("\"" + connectionName + "\"") || line.contains("<<\"" + connectionName + "\">>")) {
        Matcher m = PID.matcher(line);
        if (m.find()) {
          pids.add(m.group(1));
        }
      }
    }
    pids.forEach(connection -> ctl("-q", "close_connection", connection, "test: forced close"));
    return pids.size();
  }

  /** Ends the node whatever its state (paused included) and every process it started. */
  void destroy() {
    Optional.ofNullable(server).map(Process::toHandle).ifPresent(script -> {
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      script.destroyForcibly();
    });
    vm().ifPresent(ProcessHandle::destroyForcibly);
    awaitExit();
  }

  private Optional<ProcessHandle> vm() {
    return pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
  }

  private void awaitExit() {
    try {
      Optional<ProcessHandle> vm = vm();
      if (vm.isPresent()) {
        vm.get().onExit().get(60, TimeUnit.SECONDS);
      }
      if (server != null && !server.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("rabbitmq-server of " + name + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("RabbitMQ node " + name + " did not exit", e);
    }
  }

  private void signal(String signal) {
    Rabbitmqctl.exec(List.of("kill", "-" + signal, Long.toString(pid)), Map.of());
  }

  private Path pidFile() {
    return dir.resolve("rabbitmq.pid");
  }

  private String logTail() {
    try (var lines = Files.lines(dir.resolve("log").resolve(name + ".log"))) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}

package dev.prost.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * RabbitMQ nodes of one test class's own, so that it may restart, kill or pause a broker
 * without touching the machine's shared one. Each node has its own name
 * ({@code prost-test-<random>-<i>@localhost}), free AMQP and distribution ports, and its data,
 * logs, config and Erlang cookie under a temporary folder; more than one node form a cluster
 * ({@code join_cluster}). Needs only the installed {@code rabbitmq-server}, not root.
 *
 * <pre>{@code
 * @RegisterExtension static final RabbitNodes broker = RabbitNodes.single();
 * ... TestNamespace.config(Map.of("PROST_AMQP_URI", broker.uri()))
 * }</pre>
 *
 * <p>As an extension the nodes start before the class's first test and are destroyed after its
 * last, whatever failed; {@link #start(int)} and {@link #close()} serve other lifetimes.
 */
public final class RabbitNodes implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private final int size;
  private final List<RabbitNode> nodes = new ArrayList<>();
  private final Thread orphanGuard = new Thread(this::destroy, "rabbit-nodes-orphan-guard");
  private Path dir;

  private RabbitNodes(int size) {
    this.size = size;
  }

  /** One node, as an extension. */
  public static RabbitNodes single() {
    return new RabbitNodes(1);
  }

  /** A cluster of {@code size} nodes, as an extension. */
  public static RabbitNodes cluster(int size) {
    return new RabbitNodes(size);
  }

  /** Starts {@code size} nodes (clustered when more than one) now; {@link #close()} ends them. */
  public static RabbitNodes start(int size) {
    RabbitNodes rabbit = new RabbitNodes(size);
    rabbit.launch();
    return rabbit;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    launch();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public RabbitNode node(int index) {
    return nodes.get(index);
  }

  public List<RabbitNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The first node's AMQP URI, for {@code PROST_AMQP_URI}. */
  public String uri() {
    return nodes.get(0).amqpUri();
  }

  /** Every node's AMQP URI, comma-separated, for {@code PROST_AMQP_URIS}. */
  public String uris() {
    return nodes.stream().map(RabbitNode::amqpUri).collect(Collectors.joining(","));
  }

  /** The temporary folder of the nodes' data, logs and cookie (gone after {@link #close()}). */
  Path folder() {
    return dir;
  }

  private void launch() {
    try {
      dir = Files.createTempDirectory("prost-rabbit-");
      Runtime.getRuntime().addShutdownHook(orphanGuard);
      Rabbitmqctl ctl = Rabbitmqctl.in(dir);
      String prefix = "prost-test-" + UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < size; i++) {
        nodes.add(new RabbitNode(prefix + "-" + i + "@localhost", FreePorts.next(), FreePorts.next(),
            dir.resolve("node-" + i), ctl));
      }
      // the nodes boot side by side; joining is one at a time
      CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(n::start))
          .toArray(CompletableFuture[]::new)).join();
      for (RabbitNode node : nodes.subList(1, nodes.size())) {
        node.ctl("-q", "stop_app");
        node.ctl("-q", "join_cluster", nodes.get(0).name());
        node.ctl("-q", "start_app");
        node.ctl("-q", "await_startup");
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw new IllegalStateException("could not start " + size + " RabbitMQ node(s)", e);
    }
  }

  /** Ends every node and process the fixture started and deletes its folder. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // shutting down (the guard runs) or never registered
    }
    destroy();
  }

  // synchronized: a shutdown hook and close() may meet
  private synchronized void destroy() {
    List<RuntimeException> failures = new ArrayList<>();
    for (RabbitNode node : nodes) {
      try {
        node.destroy();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        failures.add(new IllegalStateException("could not delete the nodes' folder", e));
      }
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("RabbitMQ nodes not cleaned up");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }
}

package dev.prost.launcher;

import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.topology.TopologyInspector;
import dev.prost.platform.messaging.topology.TopologyInspector.QueueState;
import dev.prost.platform.messaging.topology.TopologyPlan;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code prost topology declare|show}: every service's exchanges, queues and bindings. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    description = "Declare or show the broker topology of every service.",
    subcommands = {TopologyCommands.Declare.class, TopologyCommands.Show.class})
final class TopologyCommands implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: declare or show");
  }

  @Command(name = "declare", mixinStandardHelpOptions = true,
      description = "Declare every exchange, queue and binding of all services (idempotent).")
  static final class Declare extends OperatorCommand {
    @Override
    int run(OperatorContext context) {
      MessagingConfig config = context.messaging();
      TopologyPlan plan = context.await(ProstTopology.declare(context.broker(), config));
      context.out().printf("declared %d exchanges, %d queues (%s) and %d bindings under namespace %s%n",
          plan.exchanges().size(), plan.queues().size(), queueType(config), plan.bindings().size(),
          config.namespace());
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "List every exchange, queue and binding as the code defines them, with what the broker reports.")
  static final class Show extends OperatorCommand {
    @Override
    int run(OperatorContext context) {
      MessagingConfig config = context.messaging();
      TopologyInspector.Report report = context.await(
          new TopologyInspector(context.broker()).inspect(ProstTopology.plan(config)));
      PrintWriter out = context.out();
      out.printf("namespace %s, %s queues%n%n", config.namespace(), queueType(config));

      TextTable exchanges = new TextTable("EXCHANGE", "TYPE", "STATE");
      report.exchanges().forEach(e -> exchanges.row(e.spec().name(),
          e.spec().type().getType(), e.exists() ? "ok" : "missing"));
      exchanges.print(out);
      out.println();

      TextTable queues = new TextTable("QUEUE", "ROLE", "TYPE", ">READY", ">CONSUMERS", "STATE");
      report.queues().forEach(q -> queues.row(q.spec().name(), role(q.spec().role()),
          q.spec().arguments().get("x-queue-type"), q.exists() ? q.ready() : "-",
          q.exists() ? q.consumers() : "-", state(q)));
      queues.print(out);
      out.println();

      TextTable bindings = new TextTable("FROM", "KEY", "TO");
      report.plan().bindings().forEach(b ->
          bindings.row(b.exchange(), b.routingKey().isEmpty() ? "(all)" : b.routingKey(), b.queue()));
      report.plan().queues().stream().filter(q -> q.deadLetterTo() != null)
          .forEach(q -> bindings.row(q.name(), "(expired, default exchange)", q.deadLetterTo()));
      bindings.print(out);
      out.println();
      long missing = report.exchanges().stream().filter(e -> !e.exists()).count()
          + report.queues().stream().filter(q -> !q.exists()).count();
      out.println(missing == 0
          ? "every exchange and queue exists; unacknowledged counts need rabbitmqctl list_queues"
          : missing + " missing: run prost topology declare");
      return 0;
    }

    private static String state(QueueState queue) {
      if (!queue.exists()) {
        return "missing";
      }
      return queue.difference() == null ? "ok" : "differs: " + queue.difference();
    }

    private static String role(TopologyPlan.Role role) {
      return switch (role) {
        case WORK -> "work";
        case RETRY -> "retry";
        case DEAD_LETTER -> "dead letters";
      };
    }
  }

  private static String queueType(MessagingConfig config) {
    return config.queueType().name().toLowerCase(Locale.ROOT);
  }
}

package dev.prost.launcher;

import dev.prost.launcher.ProstTopology.DeadLetterQueueOwner;
import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterAudit;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Outcome;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Settlement;
import dev.prost.platform.messaging.deadletter.DeadLetterSelection;
import dev.prost.platform.messaging.deadletter.ReplayPreview;
import dev.prost.platform.messaging.topology.TopologyInspector;
import dev.prost.platform.messaging.topology.TopologyPlan;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code prost dlq list|show|replay|purge}: inspect dead-letter queues, replay messages to
 * where they were first published once the consumer is fixed, or remove them. Every pass
 * keeps the messages it leaves in their order and never loses one (see
 * {@link DeadLetterQueue}); every replay and purge is written to the owning service's
 * {@code dlq_audit}, one row per message, before the message leaves the queue.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect, replay or purge dead-letter queues.",
    subcommands = {DlqCommands.ListQueue.class, DlqCommands.Show.class, DlqCommands.Replay.class,
        DlqCommands.Purge.class})
final class DlqCommands implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: list, show, replay or purge");
  }

  /** The options every subcommand shares. */
  abstract static class QueueCommand extends OperatorCommand {
    @Option(names = "--queue", description = "the dead-letter queue (with or without the namespace prefix)")
    String queue;

    @Option(names = "--correlation-id", description = "only messages of this checkout / flow")
    String correlationId;

    @Option(names = "--limit", description = "at most this many messages, oldest first")
    Integer limit;

    DeadLetterSelection selection() {
      if (limit != null && limit < 1) {
        throw OperatorException.usage("--limit must be at least 1");
      }
      return new DeadLetterSelection(correlationId, limit == null ? Integer.MAX_VALUE : limit);
    }

    DeadLetterQueueOwner owner(OperatorContext context) {
      if (queue == null) {
        throw OperatorException.usage("--queue is required");
      }
      return ProstTopology.owner(context.messaging(), queue);
    }

    DeadLetterQueue open(OperatorContext context, DeadLetterQueueOwner owner) {
      return DeadLetterQueue.create(context.broker(), owner.queue(), context.messaging().confirmTimeout());
    }
  }

  /** The options of the two commands that change the queue. */
  abstract static class ChangingCommand extends QueueCommand {
    @Option(names = "--dry-run", description = "change nothing; say what would happen")
    boolean dryRun;

    @Option(names = "--operator", description = "who to record in the audit (default: $USER)")
    String operator;

    String operator(OperatorContext context) {
      return operator != null ? operator : context.env().optional("USER").orElse("unknown");
    }

    /** Fails before the queue is touched when the owner's schema has no audit table. */
    DeadLetterAudit audit(OperatorContext context, DeadLetterQueueOwner owner) {
      DeadLetterAudit audit = DeadLetterAudit.create(context.pool(owner.service()));
      context.await(context.database(owner.service(), audit.ready()));
      return audit;
    }

    int finish(OperatorContext context, List<Settlement> settled, String verb) {
      DlqPrinter printer = new DlqPrinter(context.out());
      printer.settlements(settled);
      long done = settled.stream().filter(s -> s.outcome() != Outcome.KEPT).count();
      long kept = settled.size() - done;
      context.out().printf("%d %s, %d kept in the queue; %d audit rows written%n", done, verb, kept, settled.size());
      if (kept > 0) {
        throw new OperatorException(1, kept + " selected message(s) could not be " + verb + " and stay in the queue");
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every dead-letter queue with its message count; with --queue, its messages "
          + "(event id, type, correlation id, reason, time).")
  static final class ListQueue extends QueueCommand {
    @Override
    int run(OperatorContext context) {
      DlqPrinter printer = new DlqPrinter(context.out());
      if (queue == null) {
        List<DeadLetterQueueOwner> owners = ProstTopology.deadLetterQueues(context.messaging());
        TopologyPlan all = ProstTopology.plan(context.messaging());
        TopologyPlan dlqs = new TopologyPlan(List.of(), all.deadLetterQueues(), List.of());
        TopologyInspector.Report report = context.await(new TopologyInspector(context.broker()).inspect(dlqs));
        printer.queues(owners, report.queues());
        return 0;
      }
      DeadLetterQueueOwner owner = owner(context);
      List<DeadLetter> letters = context.await(open(context, owner).browse(selection()));
      printer.summaries(letters);
      context.out().printf("%d message(s); the queue is unchanged%n", letters.size());
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Messages in full (headers and body); the queue is unchanged.")
  static final class Show extends QueueCommand {
    @Override
    int run(OperatorContext context) {
      List<DeadLetter> letters = context.await(open(context, owner(context)).browse(selection()));
      new DlqPrinter(context.out()).full(letters);
      context.out().printf("%d message(s); the queue is unchanged%n", letters.size());
      return 0;
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Republish messages to their original exchange and routing key; "
          + "the consumer's inbox drops what it already applied.")
  static final class Replay extends ChangingCommand {
    @Override
    int run(OperatorContext context) {
      DeadLetterQueueOwner owner = owner(context);
      DeadLetterQueue dlq = open(context, owner);
      DlqPrinter printer = new DlqPrinter(context.out());
      if (dryRun) {
        List<DeadLetter> letters = context.await(dlq.browse(selection()));
        List<ReplayPreview.Prediction> predictions = context.await(context.database(owner.service(),
            new ReplayPreview(context.pool(owner.service()), owner.consumer()).predict(letters)));
        printer.predictions(predictions);
        printer.staleWarning(letters, context.messaging().inboxRetention());
        printer.predictionSummary(predictions);
        return 0;
      }
      DeadLetterAudit audit = audit(context, owner);
      List<Settlement> settled = context.await(dlq.replay(selection(),
          audit.journal(DeadLetterAudit.Action.REPLAY, owner.queue(), operator(context))));
      printer.staleWarning(settled.stream().map(Settlement::letter).toList(), context.messaging().inboxRetention());
      return finish(context, settled, "replayed");
    }
  }

  @Command(name = "purge", mixinStandardHelpOptions = true,
      description = "Remove messages (all, unless filtered).")
  static final class Purge extends ChangingCommand {
    @Override
    int run(OperatorContext context) {
      DeadLetterQueueOwner owner = owner(context);
      DeadLetterQueue dlq = open(context, owner);
      if (dryRun) {
        List<DeadLetter> letters = context.await(dlq.browse(selection()));
        new DlqPrinter(context.out()).wouldPurge(letters);
        context.out().printf("dry run: %d message(s) would be purged; nothing was changed%n", letters.size());
        return 0;
      }
      DeadLetterAudit audit = audit(context, owner);
      List<Settlement> settled = context.await(dlq.purge(selection(),
          audit.journal(DeadLetterAudit.Action.PURGE, owner.queue(), operator(context))));
      return finish(context, settled, "purged");
    }
  }
}

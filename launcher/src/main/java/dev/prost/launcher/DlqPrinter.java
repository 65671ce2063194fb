package dev.prost.launcher;

import dev.prost.launcher.ProstTopology.DeadLetterQueueOwner;
import dev.prost.platform.messaging.deadletter.DeadLetter;
import dev.prost.platform.messaging.deadletter.DeadLetterQueue.Settlement;
import dev.prost.platform.messaging.deadletter.ReplayPreview;
import dev.prost.platform.messaging.deadletter.ReplayPreview.Verdict;
import dev.prost.platform.messaging.topology.TopologyInspector.QueueState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How {@code prost dlq} prints queues, messages and outcomes. */
final class DlqPrinter {

  private static final int REASON_WIDTH = 60;

  private final PrintWriter out;

  DlqPrinter(PrintWriter out) {
    this.out = out;
  }

  void queues(List<DeadLetterQueueOwner> owners, List<QueueState> states) {
    TextTable table = new TextTable("DEAD-LETTER QUEUE", ">MESSAGES", "CONSUMER", "SCHEMA");
    long total = 0;
    for (int i = 0; i < owners.size(); i++) {
      DeadLetterQueueOwner owner = owners.get(i);
      QueueState state = states.get(i);
      total += state.ready();
      table.row(owner.queue(), state.exists() ? state.ready() : "missing", owner.consumer(),
          owner.service() + "_schema");
    }
    table.print(out);
    out.printf("%d message(s) in %d dead-letter queues%n", total, owners.size());
  }

  void summaries(List<DeadLetter> letters) {
    TextTable table = new TextTable("EVENT ID", "TYPE", "CORRELATION ID", "DEAD-LETTERED AT", "REASON");
    letters.forEach(l -> table.row(id(l), l.eventType().orElse("-"), l.correlationId().orElse("-"),
        l.deadLetteredAt().orElse("-"), shorten(l.reason().orElse("-"))));
    table.print(out);
  }

  void full(List<DeadLetter> letters) {
    for (int i = 0; i < letters.size(); i++) {
      DeadLetter l = letters.get(i);
      out.printf("--- message %d of %d ---%n", i + 1, letters.size());
      field("event id", id(l));
      field("type", l.eventType().orElse("-"));
      field("correlation id", l.correlationId().orElse("-"));
      field("first published", l.originalExchange().orElse("-") + " " + l.originalRoutingKey().orElse("-"));
      field("dead-lettered", l.deadLetteredAt().orElse("-") + " by " + l.consumer().orElse("-")
          + " (" + l.failureKind().orElse("-") + ")");
      field("reason", l.reason().orElse("-"));
      out.println("headers:");
      for (Map.Entry<String, String> header : l.headers().entrySet()) {
        out.printf("  %s: %s%n", header.getKey(), header.getValue());
      }
      out.println("body:");
      l.prettyBody().lines().forEach(line -> out.println("  " + line));
      out.println();
    }
  }

  void predictions(List<ReplayPreview.Prediction> predictions) {
    TextTable table = new TextTable("EVENT ID", "TYPE", "CORRELATION ID", "DRY RUN");
    predictions.forEach(p -> table.row(id(p.letter()), p.letter().eventType().orElse("-"),
        p.letter().correlationId().orElse("-"), p.detail()));
    table.print(out);
  }

  void predictionSummary(List<ReplayPreview.Prediction> predictions) {
    out.printf("dry run: %d would apply, %d would be dropped by the inbox, %d would fail again; "
            + "nothing was changed%n",
        count(predictions, Verdict.WOULD_APPLY), count(predictions, Verdict.DROPPED_BY_INBOX),
        count(predictions, Verdict.UNDECODABLE));
  }

  void wouldPurge(List<DeadLetter> letters) {
    TextTable table = new TextTable("EVENT ID", "TYPE", "CORRELATION ID", "DRY RUN");
    letters.forEach(l -> table.row(id(l), l.eventType().orElse("-"), l.correlationId().orElse("-"), "would purge"));
    table.print(out);
  }

  void settlements(List<Settlement> settled) {
    TextTable table = new TextTable("EVENT ID", "TYPE", "CORRELATION ID", "OUTCOME");
    settled.forEach(s -> table.row(id(s.letter()), s.letter().eventType().orElse("-"),
        s.letter().correlationId().orElse("-"), s.detail()));
    table.print(out);
  }

  /**
   * A replay goes to the consumer that failed on it, whose inbox drops it if a copy of the
   * event was applied meanwhile — unless that record was pruned (PROST_INBOX_RETENTION).
   */
  void staleWarning(List<DeadLetter> letters, Duration inboxRetention) {
    Instant horizon = Instant.now().minus(inboxRetention);
    long stale = letters.stream().filter(l -> l.publishedAt().map(at -> at.isBefore(horizon)).orElse(false)).count();
    if (stale > 0) {
      out.printf("warning: %d message(s) were first published more than %s ago (PROST_INBOX_RETENTION); "
          + "had a copy of one been applied, the consumer may have pruned that record and apply it again%n",
          stale, inboxRetention);
    }
  }

  private void field(String name, String value) {
    out.printf("%-16s %s%n", name, value);
  }

  private static long count(List<ReplayPreview.Prediction> predictions, Verdict verdict) {
    return predictions.stream().filter(p -> p.verdict() == verdict).count();
  }

  private static String id(DeadLetter letter) {
    return letter.messageId().orElse("(no message id)");
  }

  private static String shorten(String text) {
    String line = text.replace('\n', ' ');
    return line.length() <= REASON_WIDTH ? line : line.substring(0, REASON_WIDTH - 1) + "…";
  }
}

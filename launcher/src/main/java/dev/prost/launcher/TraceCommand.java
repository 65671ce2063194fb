package dev.prost.launcher;

import dev.prost.platform.db.DatabaseConfig;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code prost trace <correlation-id>}: one line per hop of a checkout across the four schemas,
 * in time order, with the time since the previous hop. Exits 1 when nothing is recorded under
 * the id (unknown, or pruned by the retention of outbox and inbox rows).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Show every recorded hop of one correlation id (a checkout's order id), in time order.")
final class TraceCommand extends OperatorCommand {

  @Parameters(paramLabel = "CORRELATION-ID", description = "the checkout's order id")
  String correlationId;

  @Override
  int run(OperatorContext context) throws Exception {
    UUID id;
    try {
      id = UUID.fromString(correlationId);
    } catch (IllegalArgumentException e) {
      throw OperatorException.usage("'" + correlationId + "' is not a UUID");
    }
    // the admin login is the one that may read every schema
    List<Trace.Hop> hops = new Trace(DatabaseConfig.from(context.env(), "orders")).hops(id);
    if (hops.isEmpty()) {
      throw new OperatorException(1, "nothing recorded for correlation id " + id
          + " (unknown, or older than the outbox and inbox retention)");
    }
    Duration total = Duration.between(hops.get(0).at(), hops.get(hops.size() - 1).at());
    context.out().printf("correlation id %s: %d hops over %.3f s%n", id, hops.size(), total.toNanos() / 1e9);
    Trace.render(hops).forEach(context.out()::println);
    return 0;
  }
}

package dev.prost.launcher;

import dev.prost.platform.db.DatabaseConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code prost trace <correlation-id>}: one line per hop of a checkout across the four schemas,
 * in time order, with the time since the previous hop, then the OpenTelemetry trace id(s) of the
 * checkout (with a link when {@code PROST_TRACE_UI} names a trace viewer). Exits 1 when nothing is recorded under
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
    Trace trace = new Trace(DatabaseConfig.from(context.env(), "orders"));
    List<Trace.Hop> hops = trace.hops(id);
    if (hops.isEmpty()) {
      throw new OperatorException(1, "nothing recorded for correlation id " + id
          + " (unknown, or older than the outbox and inbox retention)");
    }
    Duration total = Duration.between(hops.get(0).at(), hops.get(hops.size() - 1).at());
    context.out().printf("correlation id %s: %d hops over %.3f s%n", id, hops.size(), total.toNanos() / 1e9);
    Trace.render(hops).forEach(context.out()::println);
    // the OpenTelemetry trace, when tracing was on; PROST_TRACE_UI is a trace viewer's URL prefix
    Optional<String> viewer = context.env().optional("PROST_TRACE_UI");
    for (String traceId : trace.traceIds(id)) {
      context.out().println("trace id " + traceId + viewer.map(url -> "  " + url + traceId).orElse(""));
    }
    return 0;
  }
}

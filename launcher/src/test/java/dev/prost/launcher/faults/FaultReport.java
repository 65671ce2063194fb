package dev.prost.launcher.faults;

import dev.prost.orders.testing.SagaInvariants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a fault run did and found: the faults in order, then the table the suite is judged by —
 * faults injected, sagas started, confirmed, failed, lost (must be 0), applied twice (must be 0)
 * — and the detail behind it. Printed, and written to {@code target/faults/<scenario>.txt} with a
 * {@code .properties} twin that {@code scripts/bench faults} reads.
 */
record FaultReport(String scenario, String title, FaultPlan plan, List<FaultInjector.Injected> faults,
    long started, long confirmed, long failed, long lost, long appliedTwice, Map<String, Long> failureReasons,
    List<SagaInvariants.Check> checks, Duplicates.InboxRows duplicates, int poisonSent, int poisonWithReason,
    int otherDeadLetters, List<String> problems, Map<Integer, Long> refusals, List<String> failover,
    List<String> evidence,
    Duration elapsed) {

  long broken() {
    return checks.stream().filter(c -> c.violations() != 0).count();
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append("== ").append(title).append(" (").append(plan.full() ? "full" : "short").append(" run, ")
        .append(elapsed.toSeconds()).append(" s) ==\n");
    out.append("faults, in order:\n");
    for (int i = 0; i < faults.size(); i++) {
      out.append(String.format("  %2d  %-22s %s%n", i + 1, faults.get(i).kind(), faults.get(i).detail()));
    }
    out.append("\n| faults injected | sagas started | confirmed | failed | lost | applied twice |\n")
        .append("| ---: | ---: | ---: | ---: | ---: | ---: |\n")
        .append(String.format("| %d | %d | %d | %d | %d | %d |%n%n", faults.size(), started, confirmed, failed, lost,
            appliedTwice));
    out.append("failed checkouts by reason: ").append(failureReasons.isEmpty() ? "none" : failureReasons.entrySet()
        .stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))).append('\n');
    out.append("invariants (DESIGN.md §6): ").append(checks.size()).append(" checked, ").append(broken())
        .append(" broken\n");
    checks.stream().filter(c -> c.violations() != 0)
        .forEach(c -> out.append("  BROKEN ").append(c.name()).append(": ").append(c.violations()).append('\n'));
    out.append("duplicates: ").append(duplicates.expected()).append(" (event, consumer) pairs got a copy; their inbox"
        + " rows: ").append(duplicates.found()).append(" (one each: applied once)\n");
    out.append("poison: ").append(poisonSent).append(" sent, ").append(poisonWithReason)
        .append(" in dead-letter queues with a reason; ").append(otherDeadLetters).append(" other dead letters\n");
    out.append("answers other than 2xx seen by clients (status 0: none): ").append(refusals.isEmpty() ? "none"
        : refusals.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")))
        .append('\n');
    failover.forEach(line -> out.append("checkouts across a failover: ").append(line).append('\n'));
    out.append("problems: ").append(problems.isEmpty() ? "none" : String.join("; ", problems)).append('\n');
    evidence.forEach(trace -> out.append("\nprost trace of a checkout that broke an invariant:\n").append(trace));
    return out.toString();
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(scenario + ".txt"), text());
    Files.writeString(dir.resolve(scenario + ".properties"), String.join("\n",
        "scenario=" + scenario,
        "title=" + title,
        "faults=" + faults.size(),
        "fault_kinds=" + faults.stream().map(FaultInjector.Injected::kind).distinct().count(),
        "started=" + started,
        "confirmed=" + confirmed,
        "failed=" + failed,
        "lost=" + lost,
        "applied_twice=" + appliedTwice,
        "broken=" + broken(),
        "problems=" + problems.size(),
        "failover=" + String.join("; ", failover),
        "elapsed_seconds=" + elapsed.toSeconds()) + "\n");
  }
}

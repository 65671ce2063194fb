package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a traced checkout looks like in a tracing backend, whichever backend the spans were
 * read from: one root (the entry point's request), every parent present, and every broker hop
 * of the saga a consumer span whose parent is the producer span of its message.
 */
final class CheckoutTraces {

  /** The consumer spans of the saga's broker hops, as "service span-name". */
  static final Set<String> SAGA_HOPS = Set.of("orders process cartcheckoutinitiated",
      "catalog process orderplaced", "orders process stockreserved", "cart process orderconfirmed");

  private CheckoutTraces() {}

  /**
   * Whether the checkout's spans have all arrived (backends get them in batches, service by
   * service): every hop of the saga, the cart's closing one last, and the parent of every span.
   */
  static boolean complete(List<TracedSpan> spans) {
    return hops(spans).containsAll(SAGA_HOPS) && orphans(spans).isEmpty();
  }

  /** Spans whose parent is not among {@code spans}. */
  static List<TracedSpan> orphans(List<TracedSpan> spans) {
    Set<String> ids = spans.stream().map(TracedSpan::id).collect(Collectors.toSet());
    return spans.stream().filter(span -> span.parentId() != null && !ids.contains(span.parentId())).toList();
  }

  /** The spans of one checkout through the embedded entry point form one unbroken trace. */
  static void assertOneUnbrokenTrace(List<TracedSpan> spans) {
    assertThat(spans.stream().map(TracedSpan::traceId).distinct()).as("trace ids").hasSize(1);
    assertThat(spans.stream().map(TracedSpan::service).collect(Collectors.toSet()))
        .contains("cart", "orders", "catalog");
    List<TracedSpan> roots = spans.stream().filter(span -> span.parentId() == null).distinct().toList();
    assertThat(roots).as("one root: the checkout request").singleElement()
        .satisfies(root -> assertThat(root.kind()).isEqualTo("SERVER"))
        .satisfies(root -> assertThat(root.service()).isEqualTo(InProcessProst.ENTRY));
    // the entry point handed the request to cart's router: its SQL is cart's
    assertThat(spans).as("cart's SQL under the entry point's request span")
        .anyMatch(span -> "CLIENT".equals(span.kind()) && "cart".equals(span.service())
            && roots.get(0).id().equals(span.parentId()));
    assertThat(orphans(spans)).as("spans whose parent is missing").isEmpty();

    assertThat(hops(spans)).as("every broker hop of the saga").containsAll(SAGA_HOPS);
    // an exporter that timed out on a slow answer sends its batch again: a span may come twice
    Map<String, TracedSpan> byId = spans.stream()
        .collect(Collectors.toMap(TracedSpan::id, Function.identity(), (first, again) -> first));
    for (TracedSpan consumer : spans.stream().filter(span -> "CONSUMER".equals(span.kind())).toList()) {
      TracedSpan producer = byId.get(consumer.parentId());
      assertThat(producer.kind()).as("parent of " + consumer.name()).isEqualTo("PRODUCER");
      assertThat(consumer.startMicros()).as(consumer.name() + " after its publish")
          .isGreaterThanOrEqualTo(producer.startMicros());
    }
  }

  /** What a trace holds, for a failure's message. */
  static String describe(List<TracedSpan> spans) {
    return spans.size() + " spans, broker hops " + hops(spans) + ", orphans "
        + orphans(spans).stream().map(span -> span.service() + " " + span.kind() + " " + span.name()).toList();
  }

  // Zipkin lowercases span names ("process OrderPlaced" arrives as "process orderplaced")
  private static Set<String> hops(List<TracedSpan> spans) {
    return spans.stream().filter(span -> "CONSUMER".equals(span.kind()))
        .map(span -> span.service() + " " + span.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}

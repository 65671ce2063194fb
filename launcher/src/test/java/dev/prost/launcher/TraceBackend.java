package dev.prost.launcher;

import java.util.List;

/** A tracing backend the tests read spans back from. */
interface TraceBackend {

  /** The spans of one trace received so far. */
  List<TracedSpan> trace(String traceId);
}

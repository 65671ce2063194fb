package dev.prost.platform.http.admission;

/**
 * A condition of one operation's admission, beside its lane's concurrency limit: for example,
 * that the work the operation starts has no backlog past its bound. While a check says no, the
 * operation's requests are refused like those over the lane's limit (503 {@code overloaded}
 * with {@code Retry-After}), before they take a place in the lane.
 *
 * <p>{@link #admits()} runs on the event loop for every request of the operation: it answers at
 * once from what it already knows (a figure refreshed in the background), never with I/O, so a
 * refused request has cost nothing and changed nothing.
 */
public interface AdmissionCheck {

  /** A short name: the {@code cause} tag of the refusals this check makes. */
  String name();

  /** Whether a request may go on now; thread-safe and cheap. */
  boolean admits();
}

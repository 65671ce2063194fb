package dev.prost.cart.domain;

/**
 * The checkout saga's backlog as the cart's database shows it: the checkouts in flight, and those
 * that reached an outcome over the last {@code spanSeconds}. Its length in seconds is how long the
 * saga needs for the work in flight at the rate it has been finishing work.
 */
public record Backlog(long inFlight, long ended, double spanSeconds) {

  public Backlog {
    if (inFlight < 0 || ended < 0 || !(spanSeconds > 0)) {
      throw new IllegalArgumentException("in flight " + inFlight + ", ended " + ended + " over " + spanSeconds + " s");
    }
  }

  /** Checkouts reaching an outcome per second, lately. */
  public double endedPerSecond() {
    return ended / spanSeconds;
  }

  /** Seconds of work in flight: none when nothing is, endless when nothing has been ending. */
  public double seconds() {
    if (inFlight == 0) {
      return 0;
    }
    return ended == 0 ? Double.POSITIVE_INFINITY : inFlight / endedPerSecond();
  }

  /**
   * Whether another checkout may start: at most {@code floor} in flight (too few for a rate to
   * mean anything, as on a cold start), or at most {@code maxSeconds} of work.
   */
  public boolean admits(long floor, double maxSeconds) {
    return inFlight <= floor || seconds() <= maxSeconds;
  }
}

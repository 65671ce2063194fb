package dev.prost.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The saga backlog's arithmetic: seconds of work in flight at the recent completion rate")
class BacklogTest {

  private static final int FLOOR = 50;
  private static final double MAX_SECONDS = 3;

  @Test
  @DisplayName("nothing in flight is no backlog, whatever the rate")
  void nothingInFlight() {
    assertThat(new Backlog(0, 0, 5).seconds()).isZero();
    assertThat(new Backlog(0, 500, 5).seconds()).isZero();
    assertThat(new Backlog(0, 0, 5).admits(0, MAX_SECONDS)).isTrue();
  }

  @Test
  @DisplayName("with no completions the backlog is endless: refused past the floor, never at or under it")
  void zeroCompletions() {
    assertThat(new Backlog(1, 0, 5).seconds()).isInfinite();
    assertThat(new Backlog(FLOOR, 0, 5).admits(FLOOR, MAX_SECONDS)).isTrue();
    assertThat(new Backlog(FLOOR + 1, 0, 5).admits(FLOOR, MAX_SECONDS)).isFalse();
  }

  @Test
  @DisplayName("the rate is the completions over their span: 50 in 5 s is 10/s, so 30 in flight is 3 s")
  void rate() {
    Backlog backlog = new Backlog(30, 50, 5);
    assertThat(backlog.endedPerSecond()).isEqualTo(10.0);
    assertThat(backlog.seconds()).isEqualTo(3.0);
    assertThat(new Backlog(30, 50, 0.5).seconds()).isEqualTo(0.3);
  }

  @Test
  @DisplayName("exactly at the bound is admitted; a checkout more is refused; under the floor nothing is")
  void exactThreshold() {
    assertThat(new Backlog(30, 50, 5).admits(10, MAX_SECONDS)).isTrue();
    assertThat(new Backlog(31, 50, 5).admits(10, MAX_SECONDS)).isFalse();
    assertThat(new Backlog(31, 50, 5).admits(31, MAX_SECONDS)).isTrue();
    assertThat(new Backlog(3_000, 1, 5).admits(3_000, MAX_SECONDS)).isTrue();
  }

  @Test
  @DisplayName("negative counts or an empty span are no backlog")
  void invalid() {
    assertThatThrownBy(() -> new Backlog(-1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backlog(0, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backlog(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backlog(0, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}

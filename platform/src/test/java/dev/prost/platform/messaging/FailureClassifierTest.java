package dev.prost.platform.messaging;

import static dev.prost.platform.messaging.FailureClassifier.Kind.PERMANENT;
import static dev.prost.platform.messaging.FailureClassifier.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failure classification")
class FailureClassifierTest {

  @Test
  @DisplayName("serialization failures, deadlocks, lost connections and timeouts are transient")
  void transientFailures() {
    assertThat(FailureClassifier.classify(pg("40001"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(pg("40P01"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(pg("57P01"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(pg("08006"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new TimeoutException("slow"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new VertxException("Connection is not active now, current status: CLOSED")))
        .isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new RuntimeException("wrapped", pg("40001")))).isEqualTo(TRANSIENT);
  }

  @Test
  @DisplayName("rule violations, constraint violations and bugs are permanent")
  void permanentFailures() {
    assertThat(FailureClassifier.classify(new PermanentFailure("stock below zero"))).isEqualTo(PERMANENT);
    assertThat(FailureClassifier.classify(pg("23505"))).isEqualTo(PERMANENT);
    assertThat(FailureClassifier.classify(pg("23514"))).isEqualTo(PERMANENT);
    assertThat(FailureClassifier.classify(new NullPointerException())).isEqualTo(PERMANENT);
    assertThat(FailureClassifier.classify(new PermanentFailure("x"))).isEqualTo(PERMANENT);
  }

  private static PgException pg(String sqlState) {
    return new PgException("boom", "ERROR", sqlState, "detail");
  }
}

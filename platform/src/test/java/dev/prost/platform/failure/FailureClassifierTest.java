package dev.prost.platform.failure;

import static dev.prost.platform.failure.FailureClassifier.Kind.PERMANENT;
import static dev.prost.platform.failure.FailureClassifier.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.messaging.PermanentFailure;
import dev.prost.platform.messaging.TransientFailure;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
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

  @Test
  @DisplayName("the exception's type decides: connection classes, timeouts, every SQL state of class 08")
  void byType() {
    assertThat(FailureClassifier.classify(ClosedConnectionException.INSTANCE)).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new ConnectException("refused"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new ConnectTimeoutException("connect timed out"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new ClosedChannelException())).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(ReadTimeoutException.INSTANCE)).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new HttpClosedException("gone"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(pg("08001"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(pg("08P01"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(pg("53300"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new TransientFailure("later"))).isEqualTo(TRANSIENT);
  }

  @Test
  @DisplayName("an explicit verdict wins over what its cause would say")
  void explicitVerdictFirst() {
    assertThat(FailureClassifier.classify(new TransientFailure("later", new NullPointerException())))
        .isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new RuntimeException("wrapped", new PermanentFailure("rule"))))
        .isEqualTo(PERMANENT);
  }

  @Test
  @DisplayName("text counts only as the last resort, and only on a bare VertxException")
  void textIsTheLastResort() {
    assertThat(FailureClassifier.classify(new VertxException("Pool closed"))).isEqualTo(TRANSIENT);
    assertThat(FailureClassifier.classify(new IllegalStateException("Connection is closed"))).isEqualTo(PERMANENT);
    assertThat(FailureClassifier.classify(new VertxException("something else broke"))).isEqualTo(PERMANENT);
  }

  private static PgException pg(String sqlState) {
    return new PgException("boom", "ERROR", sqlState, "detail");
  }
}

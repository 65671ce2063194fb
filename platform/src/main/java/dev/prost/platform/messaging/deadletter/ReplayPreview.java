package dev.prost.platform.messaging.deadletter;

import dev.prost.platform.db.IdempotencyStore;
import dev.prost.platform.events.EventCodec;
import dev.prost.platform.events.EventDecodingException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a replay would do to each message, decided the way the consumer will decide it: the
 * event id comes from the decoded envelope (the key the inbox records), and an event the
 * consumer's {@code processed_events} already holds would be dropped. Reads only.
 */
public final class ReplayPreview {

  /** The consumer's answer to a replayed message. */
  public enum Verdict { WOULD_APPLY, DROPPED_BY_INBOX, UNDECODABLE }

  public record Prediction(DeadLetter letter, Verdict verdict, String detail) {}

  private final SqlClient client;
  private final String consumer;
  private final EventCodec codec = EventCodec.create();
  private final IdempotencyStore inbox = IdempotencyStore.create();

  /** {@code client} reads the inbox of the schema {@code consumer} records into. */
  public ReplayPreview(SqlClient client, String consumer) {
    this.client = client;
    this.consumer = consumer;
  }

  public Future<List<Prediction>> predict(List<DeadLetter> letters) {
    Map<DeadLetter, UUID> ids = new IdentityHashMap<>();
    Map<DeadLetter, String> undecodable = new IdentityHashMap<>();
    for (DeadLetter letter : letters) {
      try {
        ids.put(letter, codec.decode(letter.body()).metadata().eventId());
      } catch (EventDecodingException e) {
        undecodable.put(letter, e.getMessage());
      }
    }
    return inbox.appliedAmong(client, consumer, ids.values()).map(applied -> {
      List<Prediction> predictions = new ArrayList<>();
      for (DeadLetter letter : letters) {
        predictions.add(predict(letter, ids.get(letter), undecodable.get(letter), applied));
      }
      return predictions;
    });
  }

  private Prediction predict(DeadLetter letter, UUID eventId, String decodeError,
      Map<UUID, OffsetDateTime> applied) {
    if (decodeError != null) {
      return new Prediction(letter, Verdict.UNDECODABLE,
          "would be dead-lettered again: " + decodeError);
    }
    OffsetDateTime at = applied.get(eventId);
    return at == null
        ? new Prediction(letter, Verdict.WOULD_APPLY, "would apply")
        : new Prediction(letter, Verdict.DROPPED_BY_INBOX,
            "would be dropped by the inbox (" + consumer + " applied it at " + at.toInstant() + ")");
  }
}

package dev.prost.platform.messaging;

import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A consumer's table: event type → handler, one line per type, no if/else chains. */
public final class EventHandlers {

  /** A handler that receives the event already cast to its record type. */
  @FunctionalInterface
  public interface Typed<E extends Event> {
    Future<Void> handle(SqlConnection conn, EventEnvelope envelope, E event);
  }

  private final Map<String, EventHandler> byType;

  private EventHandlers(Map<String, EventHandler> byType) {
    this.byType = Map.copyOf(byType);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<EventHandler> forType(String eventType) {
    return Optional.ofNullable(byType.get(eventType));
  }

  public Set<String> types() {
    return byType.keySet();
  }

  /** Builds {@link EventHandlers}. */
  public static final class Builder {
    private final Map<String, EventHandler> byType = new HashMap<>();

    public <E extends Event> Builder on(Class<E> type, Typed<E> handler) {
      String name = EventCatalog.byClass(type).name();
      if (byType.put(name, (conn, envelope) -> handler.handle(conn, envelope, envelope.eventAs(type))) != null) {
        throw new IllegalArgumentException("two handlers for " + name);
      }
      return this;
    }

    public EventHandlers build() {
      return new EventHandlers(byType);
    }
  }
}

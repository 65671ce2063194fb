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

  /** Work after the event's transaction committed, such as invalidating a cache. */
  @FunctionalInterface
  public interface AfterCommit<E extends Event> {
    Future<Void> run(EventEnvelope envelope, E event);
  }

  private final Map<String, EventHandler> byType;
  private final Map<String, AfterCommit<Event>> afterCommit;

  private EventHandlers(Map<String, EventHandler> byType, Map<String, AfterCommit<Event>> afterCommit) {
    this.byType = Map.copyOf(byType);
    this.afterCommit = Map.copyOf(afterCommit);
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

  /**
   * Runs the type's after-commit action, if any. Best effort by nature: the effect is
   * already committed and acknowledged, so a failure here is only logged by the caller.
   */
  public Future<Void> afterCommit(EventEnvelope envelope) {
    AfterCommit<Event> action = afterCommit.get(envelope.metadata().eventType());
    return action == null ? Future.succeededFuture() : action.run(envelope, envelope.event());
  }

  /** Builds {@link EventHandlers}. */
  public static final class Builder {
    private final Map<String, EventHandler> byType = new HashMap<>();
    private final Map<String, AfterCommit<Event>> afterCommit = new HashMap<>();

    public <E extends Event> Builder on(Class<E> type, Typed<E> handler) {
      String name = EventCatalog.byClass(type).name();
      if (byType.put(name, (conn, envelope) -> handler.handle(conn, envelope, envelope.eventAs(type))) != null) {
        throw new IllegalArgumentException("two handlers for " + name);
      }
      return this;
    }

    /** An action after the type's events committed (not run for duplicates). */
    public <E extends Event> Builder afterCommit(Class<E> type, AfterCommit<E> action) {
      afterCommit.put(EventCatalog.byClass(type).name(), (envelope, event) -> action.run(envelope, type.cast(event)));
      return this;
    }

    public EventHandlers build() {
      return new EventHandlers(byType, afterCommit);
    }
  }
}

package dev.prost.platform.messaging;

import dev.prost.platform.events.Event;
import dev.prost.platform.events.EventCatalog;
import dev.prost.platform.events.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A consumer's table: event type → handler, one line per type, no if/else chains. A handler
 * with work to do after its commit (invalidating a cache, counting a saga's transition) returns
 * what that work needs, and the after-commit step receives it: nothing is kept on the side, so
 * nothing leaks when the transaction rolls back.
 */
public final class EventHandlers {

  /** A handler that receives the event already cast to its record type. */
  @FunctionalInterface
  public interface Typed<E extends Event> {
    Future<Void> handle(SqlConnection conn, EventEnvelope envelope, E event);
  }

  /** A handler whose result is handed to its {@link AfterCommit} step. */
  @FunctionalInterface
  public interface Producing<E extends Event, R> {
    Future<R> handle(SqlConnection conn, EventEnvelope envelope, E event);
  }

  /** Work after the event's transaction committed, given what the handler answered. */
  @FunctionalInterface
  public interface AfterCommit<E extends Event, R> {
    Future<Void> run(EventEnvelope envelope, E event, R result);
  }

  /**
   * Runs first in the transaction of a group of two or more events, before any of them is
   * applied: a service whose handlers lock rows takes the union of the group's locks here, in its
   * one global order, so that two groups (or a group and a lone event) cannot deadlock however
   * their events interleave. The group holds the events in delivery order, duplicates included.
   */
  @FunctionalInterface
  public interface GroupLock {
    GroupLock NONE = (conn, group) -> Future.succeededFuture();

    Future<Void> lock(SqlConnection conn, List<EventEnvelope> group);
  }

  /**
   * Runs once after each commit of the consumer, a group's or a lone event's, with the results
   * its new events' handlers answered, in delivery order (duplicates and rolled-back
   * transactions run nothing; a handler with no result answers null). For work that costs the
   * same for one event as for many: a service invalidating a cache sends one request for the
   * union of the group's keys instead of one per event. Best effort, like {@link AfterCommit}.
   */
  @FunctionalInterface
  public interface GroupAfterCommit {
    GroupAfterCommit NONE = results -> Future.succeededFuture();

    Future<Void> run(List<Object> results);
  }

  private final Map<String, EventHandler> byType;
  private final GroupLock groupLock;
  private final GroupAfterCommit groupAfterCommit;

  private EventHandlers(Map<String, EventHandler> byType, GroupLock groupLock, GroupAfterCommit groupAfterCommit) {
    this.byType = Map.copyOf(byType);
    this.groupLock = groupLock;
    this.groupAfterCommit = groupAfterCommit;
  }

  /** What a transaction of several events runs before applying them ({@link GroupLock#NONE} by default). */
  public GroupLock groupLock() {
    return groupLock;
  }

  /** What runs once after each commit ({@link GroupAfterCommit#NONE} by default). */
  public GroupAfterCommit groupAfterCommit() {
    return groupAfterCommit;
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
    private GroupLock groupLock = GroupLock.NONE;
    private GroupAfterCommit groupAfterCommit = GroupAfterCommit.NONE;

    /** A handler with nothing to do after its commit. */
    public <E extends Event> Builder on(Class<E> type, Typed<E> handler) {
      return on(type, handler::handle, (envelope, event, result) -> Future.succeededFuture());
    }

    /** A handler and the step that runs after its commit with the handler's result. */
    public <E extends Event, R> Builder on(Class<E> type, Producing<E, R> handler, AfterCommit<E, R> afterCommit) {
      String name = EventCatalog.byClass(type).name();
      if (byType.put(name, new Entry<>(type, handler, afterCommit)) != null) {
        throw new IllegalArgumentException("two handlers for " + name);
      }
      return this;
    }

    /** The locks a group's transaction takes before applying its events. */
    public Builder groupLock(GroupLock lock) {
      this.groupLock = Objects.requireNonNull(lock);
      return this;
    }

    /** The step that runs once after each commit with all its new events' results. */
    public Builder groupAfterCommit(GroupAfterCommit step) {
      this.groupAfterCommit = Objects.requireNonNull(step);
      return this;
    }

    public EventHandlers build() {
      return new EventHandlers(byType, groupLock, groupAfterCommit);
    }
  }

  private record Entry<E extends Event, R>(Class<E> type, Producing<E, R> handler, AfterCommit<E, R> afterCommit)
      implements EventHandler {

    @Override
    public Future<Object> handle(SqlConnection conn, EventEnvelope envelope) {
      // the chain carries any handler's result as an Object, back to its own after-commit step
      return handler.handle(conn, envelope, envelope.eventAs(type)).map(Object.class::cast);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<Void> afterCommit(EventEnvelope envelope, Object result) {
      return afterCommit.run(envelope, type.cast(envelope.event()), (R) result);
    }
  }
}

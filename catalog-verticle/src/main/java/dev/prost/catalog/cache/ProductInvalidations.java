package dev.prost.catalog.cache;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every catalog instance which products changed, over Redis pub/sub, so that each
 * can drop them from its in-process cache. {@link #live()} is true only while subscribed:
 * an instance that might be missing messages must not serve from its local copies.
 */
final class ProductInvalidations {

  private static final Logger log = LoggerFactory.getLogger(ProductInvalidations.class);

  private final Vertx vertx;
  private final Redis client;
  private final String channel;
  private final Consumer<List<UUID>> onChanged;
  private final Runnable onLost;
  private volatile boolean live;
  private volatile boolean closed;
  private RedisConnection connection;

  ProductInvalidations(Vertx vertx, URI url, String channel, Consumer<List<UUID>> onChanged, Runnable onLost) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, url.toString());
    this.channel = channel;
    this.onChanged = onChanged;
    this.onLost = onLost;
  }

  boolean live() {
    return live;
  }

  /** Subscribes, and keeps re-subscribing after every loss until closed. */
  void start() {
    client.connect()
        .compose(conn -> {
          connection = conn;
          conn.handler(this::message);
          conn.exceptionHandler(e -> lost("error: " + e.getMessage()));
          conn.endHandler(v -> lost("connection closed"));
          return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
        })
        .onSuccess(ok -> live = true)
        .onFailure(e -> lost("cannot subscribe: " + e.getMessage()));
  }

  String channel() {
    return channel;
  }

  void close() {
    closed = true;
    live = false;
    if (connection != null) {
      connection.close();
    }
    client.close();
  }

  /** The message naming {@code ids}: {@code "id,id,..."}, as {@link #changed} reads it. */
  static String announcement(Collection<UUID> ids) {
    StringBuilder text = new StringBuilder(ids.size() * 37);
    for (UUID id : ids) {
      text.append(text.length() == 0 ? "" : ",").append(id);
    }
    return text.toString();
  }

  /** The ids an announcement names. */
  static List<UUID> changed(String announcement) {
    List<UUID> ids = new ArrayList<>();
    for (String id : announcement.split(",")) {
      if (!id.isEmpty()) {
        ids.add(UUID.fromString(id));
      }
    }
    return ids;
  }

  private void message(Response push) {
    // ["message", channel, "id,id,..."]
    if (push.size() == 3 && "message".equals(push.get(0).toString())) {
      onChanged.accept(changed(push.get(2).toString()));
    }
  }

  private void lost(String why) {
    boolean wasLive = live;
    live = false;
    // whatever was missed while unsubscribed, the local copies may now be stale
    onLost.run();
    if (closed) {
      return;
    }
    if (wasLive) {
      log.warn("product invalidation channel lost ({}); serving from Redis only until it is back", why);
    }
    vertx.setTimer(1_000, id -> {
      if (!closed && !live) {
        start();
      }
    });
  }
}

package dev.prost.platform.testing;

import dev.prost.platform.messaging.AmqpChannel;
import dev.prost.platform.messaging.AmqpConnection;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.topology.TopologyDeclarer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Deletes what a test's service left under its namespace: broker entities and Redis keys. */
public final class NamespaceCleanup {

  private NamespaceCleanup() {}

  /** Deletes the exchanges and queues of {@code topologies} under the config's namespace. */
  public static void broker(Vertx vertx, MessagingConfig config, Topology... topologies) {
    AmqpConnection connection = Await.result(AmqpConnection.open(vertx, config, "prost-test-cleanup"));
    try {
      TopologyDeclarer declarer = new TopologyDeclarer(config);
      AmqpChannel channel = Await.result(connection.openChannel("cleanup"));
      Await.result(channel.<Void>call(raw -> {
        for (Topology topology : topologies) {
          declarer.delete(raw, topology);
        }
        return null;
      }));
    } finally {
      connection.close();
    }
  }

  /** Deletes every Redis key starting with {@code <namespace>:}. */
  public static void redis(Vertx vertx, URI url, String namespace) {
    Redis client = Redis.createClient(vertx, url.toString());
    RedisAPI api = RedisAPI.api(client);
    try {
      String cursor = "0";
      do {
        Response page = Await.result(api.scan(List.of(cursor, "MATCH", namespace + ":*", "COUNT", "1000")));
        cursor = page.get(0).toString();
        List<String> keys = new ArrayList<>();
        page.get(1).forEach(key -> keys.add(key.toString()));
        if (!keys.isEmpty()) {
          Await.result(api.del(keys));
        }
      } while (!"0".equals(cursor));
    } finally {
      client.close();
    }
  }
}

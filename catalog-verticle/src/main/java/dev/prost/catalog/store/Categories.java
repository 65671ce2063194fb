package dev.prost.catalog.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** SQL of {@code categories}. */
public final class Categories {

  public Future<JsonArray> all(SqlClient client) {
    return client.query("SELECT id, name FROM categories ORDER BY lower(name)").execute().map(rows -> {
      JsonArray list = new JsonArray();
      for (Row row : rows) {
        list.add(json(row.getUUID("id"), row.getString("name")));
      }
      return list;
    });
  }

  /** Inserts unless the name is taken (in any letter case); answers the new category or null. */
  public Future<JsonObject> insert(SqlClient client, String name) {
    UUID id = UUID.randomUUID();
    return client.preparedQuery("INSERT INTO categories (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(id, name))
        .map(rows -> rows.rowCount() == 1 ? json(id, name) : null);
  }

  public Future<Boolean> exists(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT 1 FROM categories WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 1);
  }

  private static JsonObject json(UUID id, String name) {
    return new JsonObject().put("id", id.toString()).put("name", name);
  }
}

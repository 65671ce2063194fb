package dev.prost.users.store;

import dev.prost.users.domain.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL of the {@code users} table. */
public final class Users {

  // the unique index on lower(email) makes a second registration, in any case, insert nothing
  private static final String INSERT = """
      INSERT INTO users (id, email, password_hash, name, roles) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (lower(email)) DO NOTHING""";
  private static final String BY_EMAIL =
      "SELECT id, email, name, roles, password_hash FROM users WHERE lower(email) = lower($1)";
  private static final String BY_ID = "SELECT id, email, name, roles, password_hash FROM users WHERE id = $1";

  /** Inserts the user unless the e-mail is taken; answers whether it was inserted. */
  public Future<Boolean> insertIfEmailFree(SqlConnection conn, User user) {
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(user.id(), user.email(), user.passwordHash(), user.name(),
            user.roles().stream().sorted().toArray(String[]::new)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<User>> byEmail(SqlClient client, String email) {
    return client.preparedQuery(BY_EMAIL).execute(Tuple.of(email)).map(rows -> first(rows.iterator()));
  }

  public Future<Optional<User>> byId(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(rows.iterator()));
  }

  private static Optional<User> first(java.util.Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return Optional.empty();
    }
    Row row = rows.next();
    return Optional.of(new User(row.getUUID("id"), row.getString("email"), row.getString("name"),
        Set.copyOf(Arrays.asList(row.getArrayOfStrings("roles"))), row.getString("password_hash")));
  }
}

package dev.prost.users;

import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.UserRegistered;
import dev.prost.users.domain.Argon2idPasswords;
import dev.prost.users.domain.User;
import dev.prost.users.store.Users;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creating and checking accounts: the password work on a worker thread, the user row and
 * its UserRegistered event in one transaction.
 */
public final class Accounts {

  /**
   * Verified against when the e-mail is unknown, so both failures cost the same time. Made
   * on first use, on a worker thread: an Argon2id hash has no place on an event loop.
   */
  private volatile String decoyHash;
  private final Vertx vertx;
  private final Pool pool;
  private final Users users;
  private final Outbox outbox;
  private final Argon2idPasswords passwords;

  public Accounts(Vertx vertx, Pool pool, Users users, Outbox outbox, Argon2idPasswords passwords) {
    this.vertx = vertx;
    this.pool = pool;
    this.users = users;
    this.outbox = outbox;
    this.passwords = passwords;
  }

  /** Registers; answers empty when the e-mail is taken (in any letter case). */
  public Future<Optional<User>> register(String email, String password, String name, Set<String> roles) {
    return vertx.executeBlocking(() -> passwords.hash(password), false).compose(hash -> {
      User user = new User(UUID.randomUUID(), email.trim(), name.trim(), roles, hash);
      // the registration is the first event of its flow: the user id is its correlation id
      EventEnvelope event = EventEnvelope.first(UsersConfig.SERVICE, user.id(),
          new UserRegistered(user.id(), user.email(), user.name()));
      return pool.withTransaction(conn -> users.insertIfEmailFree(conn, user)
          .compose(inserted -> inserted
              ? outbox.append(conn, event).map(v -> Optional.of(user))
              : Future.succeededFuture(Optional.<User>empty())));
    });
  }

  /** The user whose e-mail and password match, or empty — in the same time either way. */
  public Future<Optional<User>> authenticate(String email, String password) {
    return users.byEmail(pool, email.trim()).compose(found -> vertx.executeBlocking(() -> {
      String hash = found.map(User::passwordHash).orElseGet(this::decoyHash);
      boolean matches = passwords.verify(password, hash);
      return matches ? found : Optional.<User>empty();
    }, false));
  }

  private String decoyHash() {
    String decoy = decoyHash;
    if (decoy == null) {
      // a race makes two decoys; either serves
      decoy = passwords.hash(UUID.randomUUID().toString());
      decoyHash = decoy;
    }
    return decoy;
  }

  public Future<Optional<User>> byId(UUID id) {
    return users.byId(pool, id);
  }
}

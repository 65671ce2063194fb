package dev.prost.users;

import dev.prost.users.domain.User;
import io.vertx.core.Future;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the configured admin at start when no user has that e-mail. Idempotent: a second
 * start, or two instances starting together, find the e-mail taken and change nothing.
 */
final class AdminBootstrap {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  static Future<Void> run(Accounts accounts, UsersConfig config) {
    if (config.adminEmail().isEmpty()) {
      return Future.succeededFuture();
    }
    String email = config.adminEmail().get();
    return accounts.register(email, config.adminPassword().orElseThrow(), "Administrator",
            Set.of(User.ADMIN, User.CUSTOMER))
        .onSuccess(created -> {
          if (created.isPresent()) {
            log.info("admin {} created", email);
          } else {
            log.info("admin bootstrap: {} exists already, left as it is", email);
          }
        })
        .mapEmpty();
  }
}

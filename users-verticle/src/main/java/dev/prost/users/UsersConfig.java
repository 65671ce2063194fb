package dev.prost.users;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.http.HttpSettings;
import dev.prost.platform.http.admission.AdmissionSettings;
import dev.prost.platform.redis.RedisConnections;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.users.domain.Argon2idPasswords;
import java.net.URI;
import java.util.Optional;

/**
 * Everything the users service reads from the environment, once, at start.
 *
 * @param port {@code PROST_USERS_PORT} (8081)
 * @param httpInstances {@code PROST_HTTP_INSTANCES}: HTTP verticles sharing the port (default: one per core)
 * @param maxBodyBytes {@code PROST_HTTP_MAX_BODY_BYTES} (1 MiB)
 * @param admission {@code PROST_ADMISSION*}: the concurrency limits past which requests are refused
 * @param redisUrl {@code PROST_REDIS_URL} ({@code redis://127.0.0.1:6379})
 * @param adminEmail {@code PROST_ADMIN_EMAIL}: with {@code PROST_ADMIN_PASSWORD}, an admin made at start if absent
 * @param trustedProxy {@code PROST_TRUSTED_PROXY} (127.0.0.1): the one peer whose
 *     {@code X-Forwarded-For} names the client address that login throttling counts
 */
public record UsersConfig(
    int port,
    int httpInstances,
    long maxBodyBytes,
    AdmissionSettings admission,
    DatabaseConfig db,
    MessagingConfig messaging,
    AuthConfig auth,
    URI redisUrl,
    Optional<String> adminEmail,
    Optional<String> adminPassword,
    String trustedProxy) {

  public static final String SERVICE = "users";

  public static UsersConfig from(Env env) {
    Optional<String> adminEmail = env.optional("PROST_ADMIN_EMAIL");
    Optional<String> adminPassword = env.optional("PROST_ADMIN_PASSWORD");
    if (adminEmail.isPresent() != adminPassword.isPresent()) {
      throw new ConfigException(adminEmail.isPresent() ? "PROST_ADMIN_PASSWORD" : "PROST_ADMIN_EMAIL",
          "PROST_ADMIN_EMAIL and PROST_ADMIN_PASSWORD go together");
    }
    adminPassword.ifPresent(p -> {
      int length = p.codePointCount(0, p.length());
      if (length < Argon2idPasswords.MIN_LENGTH || length > Argon2idPasswords.MAX_LENGTH) {
        throw new ConfigException("PROST_ADMIN_PASSWORD", "must be 12 to 128 characters");
      }
    });
    return new UsersConfig(
        env.port("PROST_USERS_PORT", 8081),
        HttpSettings.instances(env),
        HttpSettings.maxBodyBytes(env),
        AdmissionSettings.from(env),
        DatabaseConfig.from(env, SERVICE),
        MessagingConfig.from(env),
        AuthConfig.from(env),
        RedisConnections.url(env),
        adminEmail,
        adminPassword,
        env.string("PROST_TRUSTED_PROXY", "127.0.0.1"));
  }
}

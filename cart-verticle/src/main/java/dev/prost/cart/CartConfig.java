package dev.prost.cart;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.http.HttpSettings;
import dev.prost.platform.http.admission.AdmissionSettings;
import dev.prost.platform.messaging.MessagingConfig;

/**
 * Everything the cart service reads from the environment, once, at start.
 *
 * @param port {@code PROST_CART_PORT} (8083)
 * @param httpInstances {@code PROST_HTTP_INSTANCES} (one per core)
 * @param maxBodyBytes {@code PROST_HTTP_MAX_BODY_BYTES} (1 MiB)
 * @param admission {@code PROST_ADMISSION*}: the concurrency limits past which requests are refused
 * @param backlog {@code PROST_CHECKOUT_*BACKLOG*}: the saga backlog past which checkouts are refused
 */
public record CartConfig(
    int port,
    int httpInstances,
    long maxBodyBytes,
    AdmissionSettings admission,
    CheckoutBacklogSettings backlog,
    DatabaseConfig db,
    MessagingConfig messaging,
    AuthConfig auth) {

  public static final String SERVICE = "cart";

  public static CartConfig from(Env env) {
    return new CartConfig(
        env.port("PROST_CART_PORT", 8083),
        HttpSettings.instances(env),
        HttpSettings.maxBodyBytes(env),
        AdmissionSettings.from(env),
        CheckoutBacklogSettings.from(env),
        DatabaseConfig.from(env, SERVICE),
        MessagingConfig.from(env),
        AuthConfig.from(env));
  }
}

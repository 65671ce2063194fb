package dev.prost.orders;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.http.HttpSettings;
import dev.prost.platform.http.admission.AdmissionSettings;
import dev.prost.platform.messaging.MessagingConfig;

/**
 * Everything the orders service reads from the environment, once, at start.
 *
 * @param port {@code PROST_ORDERS_PORT} (8084)
 * @param httpInstances {@code PROST_HTTP_INSTANCES} (one per core)
 * @param maxBodyBytes {@code PROST_HTTP_MAX_BODY_BYTES} (1 MiB)
 * @param admission {@code PROST_ADMISSION*}: the concurrency limits past which requests are refused
 */
public record OrdersConfig(
    int port,
    int httpInstances,
    long maxBodyBytes,
    AdmissionSettings admission,
    DatabaseConfig db,
    MessagingConfig messaging,
    AuthConfig auth,
    SagaConfig saga,
    PaymentConfig payment) {

  public static final String SERVICE = "orders";

  public static OrdersConfig from(Env env) {
    return new OrdersConfig(
        env.port("PROST_ORDERS_PORT", 8084),
        HttpSettings.instances(env),
        HttpSettings.maxBodyBytes(env),
        AdmissionSettings.from(env),
        DatabaseConfig.from(env, SERVICE),
        MessagingConfig.from(env),
        AuthConfig.from(env),
        SagaConfig.from(env),
        PaymentConfig.from(env));
  }
}

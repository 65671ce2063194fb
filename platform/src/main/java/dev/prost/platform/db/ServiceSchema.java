package dev.prost.platform.db;

import java.util.Set;

/**
 * The PostgreSQL identity of one service: its schema and the login role that owns it.
 * The service's pool, migrations and inbox/outbox all live in this schema.
 */
public record ServiceSchema(String service, String schema, String role) {

  private static final Set<String> SERVICES = Set.of("users", "catalog", "cart", "orders");

  public ServiceSchema {
    if (!service.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("service name must be a lower-case identifier: " + service);
    }
  }

  /** {@code of("catalog")} is schema {@code catalog_schema} owned by role {@code catalog_svc}. */
  public static ServiceSchema of(String service) {
    return new ServiceSchema(service, service + "_schema", service + "_svc");
  }

  /** The four Prost services, the ones {@code db/bootstrap.sql} creates. */
  public static Set<String> services() {
    return SERVICES;
  }

  /** Flyway locations: the platform tables every service includes, then the service's own. */
  public String[] migrationLocations() {
    return new String[] {"classpath:db/platform", "classpath:db/" + schema};
  }
}

package dev.prost.platform.auth;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who a verified access token speaks for: the user's id ({@code sub}) and roles
 * ({@code customer}, {@code admin}).
 */
public record Principal(UUID userId, Set<String> roles) {

  public static final String CUSTOMER = "customer";
  public static final String ADMIN = "admin";

  public Principal {
    Objects.requireNonNull(userId, "userId");
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}

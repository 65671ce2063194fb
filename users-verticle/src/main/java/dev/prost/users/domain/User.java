package dev.prost.users.domain;

import java.util.Set;
import java.util.UUID;

/** A registered user. The password hash never leaves the users service. */
public record User(UUID id, String email, String name, Set<String> roles, String passwordHash) {

  public static final String CUSTOMER = "customer";
  public static final String ADMIN = "admin";

  public User {
    roles = Set.copyOf(roles);
  }
}

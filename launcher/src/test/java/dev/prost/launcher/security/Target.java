package dev.prost.launcher.security;

import java.util.Locale;

/** Where a test request goes: straight to one service, or through the embedded entry point (the public port). */
enum Target {
  USERS, CATALOG, CART, ORDERS, ENTRY;

  /** The service owning a contract ({@code users}, {@code catalog}...). */
  static Target service(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

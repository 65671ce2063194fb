package dev.prost.users.api;

import io.vertx.ext.web.RoutingContext;

/**
 * The address a login attempt comes from. Behind the gateway every request arrives from
 * the gateway, so the first {@code X-Forwarded-For} hop is used — but only when the direct
 * peer is the one trusted proxy; anyone else could write any address into that header.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(RoutingContext ctx, String trustedProxy) {
    String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded != null && peer.equals(trustedProxy)) {
      String first = forwarded.split(",")[0].trim();
      if (!first.isEmpty() && first.length() <= 64 && first.matches("[0-9A-Fa-f:.]+")) {
        return first;
      }
    }
    return peer;
  }
}

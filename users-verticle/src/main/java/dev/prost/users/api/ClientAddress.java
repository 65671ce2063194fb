package dev.prost.users.api;

import io.vertx.ext.web.RoutingContext;

/**
 * The address a login attempt comes from. Behind the load balancer (HAProxy) every request
 * arrives from the balancer, so the last {@code X-Forwarded-For} hop is used — the one the
 * balancer set, naming its own peer — but only when the direct peer is the one trusted proxy.
 * Earlier hops were written by the client (or anyone on the way) and could name any address.
 */
final class ClientAddress {

  private ClientAddress() {}

  static String of(RoutingContext ctx, String trustedProxy) {
    String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    String forwarded = ctx.request().getHeader("X-Forwarded-For");
    if (forwarded != null && peer.equals(trustedProxy)) {
      String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
      if (!last.isEmpty() && last.length() <= 64 && last.matches("[0-9A-Fa-f:.]+")) {
        return last;
      }
    }
    return peer;
  }
}

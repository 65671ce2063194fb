package dev.prost.platform.messaging;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ListAddressResolver;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The broker's nodes: {@code PROST_AMQP_URIS} (every node of a cluster, comma-separated) or
 * {@code PROST_AMQP_URI} (one node). The client takes credentials, vhost and TLS from the first
 * URI and only host and port from the others, so all must agree on scheme, user and vhost.
 */
final class BrokerAddresses {

  private static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

  private BrokerAddresses() {}

  static List<URI> uris(Env env) {
    if (env.optional("PROST_AMQP_URIS").isEmpty()) {
      return List.of(env.uri("PROST_AMQP_URI", DEFAULT_URI, "amqp", "amqps"));
    }
    List<URI> uris = new ArrayList<>();
    for (String entry : env.string("PROST_AMQP_URIS", "").split(",")) {
      if (!entry.isBlank()) {
        // the same checks as one URI, reported under the list's name
        uris.add(Env.of(Map.of("PROST_AMQP_URIS", entry.trim())).uri("PROST_AMQP_URIS", DEFAULT_URI, "amqp", "amqps"));
      }
    }
    if (uris.isEmpty()) {
      throw new ConfigException("PROST_AMQP_URIS", "names no node");
    }
    URI first = uris.get(0);
    for (URI uri : uris) {
      if (!uri.getScheme().equalsIgnoreCase(first.getScheme()) || !Objects.equals(uri.getUserInfo(), first.getUserInfo())
          || !Objects.equals(vhost(uri), vhost(first))) {
        throw new ConfigException("PROST_AMQP_URIS", "every node must have the same scheme, user and vhost");
      }
    }
    return List.copyOf(uris);
  }

  /** The nodes as the client's resolver, which shuffles them for every connection and recovery. */
  static ListAddressResolver resolver(MessagingConfig config) {
    return new ListAddressResolver(config.amqpUris().stream().map(BrokerAddresses::address).toList());
  }

  static Address address(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "amqps".equalsIgnoreCase(uri.getScheme()) ? 5671 : 5672;
    return new Address(uri.getHost(), port);
  }

  private static String vhost(URI uri) {
    String path = uri.getPath();
    return path == null || path.isEmpty() || path.equals("/") ? "/" : path;
  }
}

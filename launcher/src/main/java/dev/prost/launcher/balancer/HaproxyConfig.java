package dev.prost.launcher.balancer;

import dev.prost.launcher.PublicRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HAProxy configuration of a split deployment: one public port routing each path prefix
 * to its service's instances, least-connection balancing, instances health-checked on
 * {@code /health/ready} (a stopped or unready one leaves the rotation within two seconds; when
 * none is ready, every instance is tried anyway: a service degraded by a shared dependency's
 * outage still answers what it can),
 * a connection refused by a dying instance re-sent to another, {@code X-Forwarded-For} set
 * to the real client (a client's own is dropped, so the users service can trust it), and
 * HAProxy's own errors (404 for an unknown path, 502, 503, 504) as problem+json.
 */
public final class HaproxyConfig {

  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+:[0-9]{1,5}");

  /** Where HAProxy listens, and each service's instances as {@code host:port}. */
  public record Deployment(String bind, int port, Map<String, List<String>> instances) {
    public Deployment {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port " + port + " is not a TCP port");
      }
      instances = Map.copyOf(instances);
      for (String service : PublicRoutes.services()) {
        List<String> addresses = instances.get(service);
        if (addresses == null || addresses.isEmpty()) {
          throw new IllegalArgumentException("no instances for " + service);
        }
        for (String address : addresses) {
          if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(service + ": '" + address + "' is not host:port");
          }
        }
      }
    }
  }

  private HaproxyConfig() {}

  public static String render(Deployment deployment) {
    List<String> lines = new ArrayList<>();
    lines.add("# Rendered by `prost balancer`: HAProxy in front of a split deployment of Prost.");
    // no global maxconn: HAProxy derives it from the file-descriptor limit it is given
    lines.add("defaults");
    lines.add("  mode http");
    lines.add("  timeout connect 2s");
    lines.add("  timeout client 60s");
    lines.add("  timeout server 60s");
    lines.add("  timeout http-request 10s");
    lines.add("  timeout queue 5s");
    lines.add("  # a request an instance could not take (refused, or the instance died before answering)");
    lines.add("  # goes to another; only reads are re-sent once sent, a write could have been applied");
    lines.add("  option redispatch 1");
    lines.add("  retries 2");
    lines.add("  retry-on conn-failure empty-response");
    for (int status : new int[] {502, 503, 504}) {
      lines.add("  http-error status " + status + " content-type application/problem+json string '"
          + problem(status) + "'");
    }
    lines.add("");
    lines.add("frontend public");
    lines.add("  bind " + deployment.bind() + ":" + deployment.port());
    lines.add("  # the users service trusts X-Forwarded-For from its proxy: only ours may reach it");
    lines.add("  http-request del-header X-Forwarded-For");
    lines.add("  http-request disable-l7-retry unless METH_GET");
    lines.add("  # an h2c upgrade would turn the connection into a tunnel to one instance, past the routing");
    lines.add("  http-request del-header Upgrade");
    lines.add("  http-request del-header HTTP2-Settings");
    lines.add("  option forwardfor");
    List<String> services = PublicRoutes.services();
    for (String service : services) {
      // the prefixes are plain paths: no character in them means anything to a regex
      String prefixes = String.join("|", PublicRoutes.ROUTES.entrySet().stream()
          .filter(e -> e.getValue().equals(service)).map(Map.Entry::getKey).toList());
      lines.add("  acl to_" + service + " path_reg ^(" + prefixes + ")(/|$)");
    }
    lines.add("  http-request return status 404 content-type application/problem+json string '"
        + problem(404) + "' unless " + String.join(" || ", services.stream().map(s -> "to_" + s).toList()));
    for (String service : services) {
      lines.add("  use_backend " + service + " if to_" + service);
    }
    for (String service : services) {
      lines.add("");
      lines.add("backend " + service);
      lines.add("  balance leastconn");
      lines.add("  option httpchk GET /health/ready");
      lines.add("  http-check expect status 200");
      lines.add("  default-server inter 1s fall 2 rise 2");
      lines.add("  # no instance ready (Redis or the broker down for all of them): fail open to every");
      lines.add("  # instance, unchecked; one that is degraded still serves reads, one that is gone is a 503");
      lines.add("  option allbackups");
      List<String> addresses = deployment.instances().get(service);
      for (int i = 0; i < addresses.size(); i++) {
        lines.add("  server " + service + "-" + (i + 1) + " " + addresses.get(i) + " check");
      }
      for (int i = 0; i < addresses.size(); i++) {
        lines.add("  server " + service + "-" + (i + 1) + "-open " + addresses.get(i) + " backup");
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** The problem+json body of an error HAProxy answers itself (no quote may appear in it). */
  private static String problem(int status) {
    String[] kind = switch (status) {
      case 404 -> new String[] {"not-found", "Not found", "no service answers this path"};
      case 502 -> new String[] {"bad-gateway", "Bad gateway", "the service answered with something unusable"};
      case 503 -> new String[] {"service-unavailable", "Service unavailable",
          "no instance of the service is ready; try again shortly"};
      case 504 -> new String[] {"gateway-timeout", "Gateway timeout", "the service did not answer in time"};
      default -> throw new IllegalArgumentException("no problem for " + status);
    };
    return "{\"type\":\"https://prost.dev/problems/" + kind[0] + "\",\"title\":\"" + kind[1] + "\",\"status\":"
        + status + ",\"detail\":\"" + kind[2] + "\"}";
  }
}

package dev.prost.platform.testing;

import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.MessagingConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A random broker namespace for one test, so queues and exchanges of concurrent or
 * earlier runs never meet. Tests delete what they declared under it when done.
 */
public final class TestNamespace {

  private TestNamespace() {}

  /** Messaging config under a fresh namespace, with short retry delays for fast tests. */
  public static MessagingConfig config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("PROST_RETRY_BASE_DELAY", "50ms");
    env.putIfAbsent("PROST_RETRY_MAX_DELAY", "400ms");
    env.putIfAbsent("PROST_RELAY_POLL_INTERVAL", "200ms");
    env.putIfAbsent("PROST_PUBLISH_CONFIRM_TIMEOUT", "5s");
    env.putAll(overrides);
    String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
    return MessagingConfig.from(Env.of(env)).withNamespace(namespace);
  }

  public static MessagingConfig config() {
    return config(Map.of());
  }
}

package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.messaging.MessagingConfig;
import dev.prost.platform.messaging.Topology;
import dev.prost.platform.messaging.topology.TopologyNames;
import dev.prost.platform.messaging.topology.TopologyPlan;
import dev.prost.platform.testing.FreePorts;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.QueueProbe;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("prost run declares every service's queues before it starts any")
class RunDeclaresTopologyTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  @Test
  @DisplayName("run users alone: the queues of cart, catalog and orders exist too, so no event of users is dropped")
  void runOneServiceDeclaresAll() throws IOException {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", "t-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("PROST_USERS_PORT", Integer.toString(port));
    env.put("PROST_DATA_DIR", Files.createTempDirectory("prost-run-topology").toString());
    env.put("PROST_HTTP_INSTANCES", "1");
    MessagingConfig config = MessagingConfig.from(Env.of(env));
    Vertx vertx = Vertx.vertx();
    ProstProcess users = null;
    try {
      users = ProstProcess.start(env, "run", "users")
          .awaitReady("http://127.0.0.1:" + port + "/health/ready", Duration.ofSeconds(120));

      TopologyPlan plan = ProstTopology.plan(config);
      List<String> missing = plan.queues().stream().map(TopologyPlan.QueueSpec::name)
          .filter(queue -> !QueueProbe.exists(vertx, config, queue)).toList();
      assertThat(missing).isEmpty();
      String cartOfUsers = new TopologyNames(config.namespace()).exchange("users") + ".cart";
      assertThat(QueueProbe.exists(vertx, config, cartOfUsers)).isTrue();
    } finally {
      if (users != null) {
        users.terminate(Duration.ofSeconds(60));
      }
      NamespaceCleanup.broker(vertx, config, ProstTopology.ALL.toArray(Topology[]::new));
      vertx.close();
    }
  }

  private static int freePort() {
    return FreePorts.next();
  }
}

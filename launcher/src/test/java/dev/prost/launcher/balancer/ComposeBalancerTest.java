package dev.prost.launcher.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.launcher.Prost;
import dev.prost.platform.config.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayName("docker-compose's HAProxy configuration")
class ComposeBalancerTest {

  /** How docker/haproxy/haproxy.cfg is made; run it again after a change to the routes. */
  static final String[] COMMAND = {"balancer", "--bind", "0.0.0.0", "--port", "8080",
      "--instances", "users=users:8081", "--instances", "catalog=catalog:8082",
      "--instances", "cart=cart:8083", "--instances", "orders=orders:8084"};

  @Test
  @DisplayName("is what `prost balancer` renders for the compose services")
  void isWhatProstRenders() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Prost(Env.of(Map.of())));
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(COMMAND)).isZero();
    Path committed = Path.of("..", "docker", "haproxy", "haproxy.cfg");
    assertThat(Files.readString(committed))
        .as("docker/haproxy/haproxy.cfg is stale: write it again with `prost %s`", String.join(" ", COMMAND))
        .isEqualTo(out.toString());
  }
}

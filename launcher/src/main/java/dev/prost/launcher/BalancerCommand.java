package dev.prost.launcher;

import dev.prost.launcher.balancer.HaproxyConfig;
import dev.prost.launcher.balancer.HaproxyConfig.Deployment;
import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prost balancer}: prints (or writes) the HAProxy configuration for a split deployment,
 * N instances per service. A service not named in {@code --instances} has one instance on
 * 127.0.0.1 at its configured port ({@code PROST_<SERVICE>_PORT}).
 */
@Command(name = "balancer", mixinStandardHelpOptions = true,
    description = "Render the HAProxy configuration that puts a split deployment behind one public port.")
final class BalancerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "the public port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "the public address (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--instances", paramLabel = "SERVICE=HOST:PORT[,HOST:PORT...]",
      description = "a service's instances, e.g. catalog=127.0.0.1:8082,127.0.0.1:8092; repeatable")
  List<String> instances = new ArrayList<>();

  @Option(names = "--output", paramLabel = "FILE", description = "write the configuration here instead of stdout")
  Path output;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      String config = HaproxyConfig.render(new Deployment(bind, port, addresses(((Prost) spec.root().userObject()).env())));
      if (output == null) {
        spec.commandLine().getOut().print(config);
        spec.commandLine().getOut().flush();
      } else {
        Files.writeString(output, config);
      }
      return 0;
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("prost balancer: " + e.getMessage());
      err.flush();
      return 2;
    } catch (IOException e) {
      err.println("prost balancer: cannot write " + output + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private Map<String, List<String>> addresses(Env env) {
    Map<String, List<String>> addresses = new LinkedHashMap<>();
    for (String service : PublicRoutes.services()) {
      int servicePort = env.port("PROST_" + service.toUpperCase(Locale.ROOT) + "_PORT", Services.named(service).port());
      addresses.put(service, List.of("127.0.0.1:" + servicePort));
    }
    for (String given : instances) {
      int equals = given.indexOf('=');
      String service = equals < 0 ? given : given.substring(0, equals);
      if (equals < 0 || !addresses.containsKey(service)) {
        throw new IllegalArgumentException("--instances " + given + ": expected SERVICE=HOST:PORT[,HOST:PORT...] with"
            + " SERVICE one of " + String.join(", ", PublicRoutes.services()));
      }
      addresses.put(service, Arrays.stream(given.substring(equals + 1).split(",")).map(String::trim).toList());
    }
    return addresses;
  }
}

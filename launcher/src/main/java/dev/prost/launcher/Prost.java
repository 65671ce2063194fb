package dev.prost.launcher;

import dev.prost.platform.config.Env;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code prost} command. Its subcommands read their configuration from {@link #env()}: the
 * process environment, or one a test hands in.
 */
@Command(
    name = "prost",
    mixinStandardHelpOptions = true,
    version = "prost 0.1.0",
    description = "Runs Prost services and operates on their schemas, broker topology and dead letters.",
    subcommands = {RunCommand.class, MigrationCommands.Migrate.class, MigrationCommands.Info.class,
        MigrationCommands.Rollback.class, TopologyCommands.class, DlqCommands.class, TraceCommand.class,
        BalancerCommand.class})
public final class Prost {

  private final Env env;

  public Prost() {
    this(Env.system());
  }

  public Prost(Env env) {
    this.env = env;
  }

  Env env() {
    return env;
  }

  public static void main(String[] args) {
    int status = new CommandLine(new Prost()).execute(args);
    if (status != 0 || !RunCommand.isServing()) {
      System.exit(status);
    }
  }
}

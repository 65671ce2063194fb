package dev.prost.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code prost} command. */
@Command(
    name = "prost",
    mixinStandardHelpOptions = true,
    version = "prost 0.1.0",
    description = "Runs Prost services and operates on their schemas.",
    subcommands = {RunCommand.class, MigrationCommands.Migrate.class, MigrationCommands.Info.class,
        MigrationCommands.Rollback.class})
public final class Prost {

  public static void main(String[] args) {
    int status = new CommandLine(new Prost()).execute(args);
    if (status != 0 || !RunCommand.isServing()) {
      System.exit(status);
    }
  }
}

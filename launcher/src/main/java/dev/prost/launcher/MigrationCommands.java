package dev.prost.launcher;

import dev.prost.platform.config.Env;
import dev.prost.platform.db.DatabaseBootstrap;
import dev.prost.platform.db.DatabaseConfig;
import dev.prost.platform.db.Migrations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prost migrate|info|rollback}: schema operations per service. */
final class MigrationCommands {

  private MigrationCommands() {}

  abstract static class Base implements Callable<Integer> {

    @Option(names = "--service", description = "users, catalog, cart, orders or all (default: all)",
        defaultValue = "all")
    String service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Env env = ((Prost) spec.root().userObject()).env();
      Vertx vertx = Vertx.vertx();
      try {
        for (String name : Services.expand(List.of(service))) {
          DatabaseConfig db = DatabaseConfig.from(env, name);
          Migrations migrations = Migrations.create(vertx, db, Services.named(name).schema());
          await(apply(name, db, migrations));
        }
        return 0;
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }

    abstract Future<?> apply(String name, DatabaseConfig db, Migrations migrations) throws Exception;

    /** Where the command reports (the terminal, or what a test captures). */
    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    static <T> T await(Future<T> future) throws Exception {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
  }

  @Command(name = "migrate", description = "Bootstrap the database and apply pending migrations.")
  static final class Migrate extends Base {
    @Override
    Future<?> apply(String name, DatabaseConfig db, Migrations migrations) throws Exception {
      new DatabaseBootstrap(db).ensureDatabase();
      return migrations.migrate().onSuccess(version -> out().printf("%-8s schema at version %s%n", name, version).flush());
    }
  }

  @Command(name = "info", description = "List applied and pending migrations.")
  static final class Info extends Base {
    @Override
    Future<?> apply(String name, DatabaseConfig db, Migrations migrations) {
      return migrations.info().onSuccess(rows -> {
        rows.forEach(row -> out().printf("%-8s %-6s %-10s %-32s %s%n", name, row.version(), row.state(),
            row.description(), row.installedOn()));
        out().flush();
      });
    }
  }

  @Command(name = "rollback", description = "Undo migrations newer than --to, newest first, in one transaction.")
  static final class Rollback extends Base {
    @Option(names = "--to", required = true, description = "the version to roll back to (0 = empty schema)")
    String to;

    @Override
    Future<?> apply(String name, DatabaseConfig db, Migrations migrations) {
      return migrations.rollback(to).onSuccess(undone -> out().printf(
          "%-8s undid %s%n", name, undone.isEmpty() ? "nothing" : String.join(", ", undone)).flush());
    }
  }
}

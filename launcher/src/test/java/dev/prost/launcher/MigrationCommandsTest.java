package dev.prost.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.config.Env;
import dev.prost.platform.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

@DisplayName("prost migrate, info and rollback")
class MigrationCommandsTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private record Result(int exitCode, String out, String err) {}

  /** {@code prost} with an environment of the test's own: its database, none of the process's settings. */
  private Result prost(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = new CommandLine(new Prost(Env.of(env)))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private long usersTables() {
    return db.adminScalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'users_schema'"
        + " AND table_name <> 'flyway_schema_history'");
  }

  @Test
  @DisplayName("act on the database of the environment they are handed, and report on the command's output")
  void migrateInfoRollback() {
    Result migrate = prost("migrate", "--service", "users");
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    assertThat(migrate.out()).startsWith("users    schema at version ");
    assertThat(usersTables()).isPositive();

    Result info = prost("info", "--service", "users");
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(info.out().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("Success"));

    Result rollback = prost("rollback", "--service", "users", "--to", "0");
    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).startsWith("users    undid ");
    assertThat(usersTables()).isZero();
  }
}

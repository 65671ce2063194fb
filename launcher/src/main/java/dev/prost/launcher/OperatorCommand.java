package dev.prost.launcher;

import dev.prost.platform.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the operator tools ({@code prost topology …}, {@code prost dlq …}): runs the command
 * with an {@link OperatorContext} built from the {@link Prost} command's environment, prints
 * to the command line's writers (so tests can read them), and turns any failure into one line
 * on stderr and an exit status: 2 for bad configuration or a request that cannot be right,
 * 1 when the broker or the database failed.
 */
abstract class OperatorCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Does the work; answers the exit status. */
  abstract int run(OperatorContext context) throws Exception;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (OperatorContext context = new OperatorContext(((Prost) spec.root().userObject()).env(), out)) {
      return run(context);
    } catch (ConfigException e) {
      return fail(err, "bad configuration: " + e.getMessage(), 2);
    } catch (OperatorException e) {
      return fail(err, e.getMessage(), e.exitCode());
    } catch (Exception e) {
      return fail(err, OperatorContext.describe(e), 1);
    } finally {
      out.flush();
    }
  }

  private int fail(PrintWriter err, String message, int status) {
    err.println(spec.qualifiedName() + ": " + message);
    err.flush();
    return status;
  }
}

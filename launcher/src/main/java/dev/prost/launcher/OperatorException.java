package dev.prost.launcher;

/**
 * An operator command's refusal, with the exit status to leave with: 2 for a request that
 * cannot be right (an unknown queue, a bad option), 1 for a dependency that failed.
 */
final class OperatorException extends RuntimeException {

  private final int exitCode;

  OperatorException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  static OperatorException usage(String message) {
    return new OperatorException(2, message);
  }

  int exitCode() {
    return exitCode;
  }
}

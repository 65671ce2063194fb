package dev.prost.platform.config;

/**
 * A configuration value is missing or invalid. The message always names the environment
 * variable, so that a bad deployment fails at start with a line an operator can act on.
 */
public final class ConfigException extends RuntimeException {

  private final String variable;

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}

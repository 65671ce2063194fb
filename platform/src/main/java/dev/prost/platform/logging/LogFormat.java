package dev.prost.platform.logging;

import dev.prost.platform.config.ConfigException;
import dev.prost.platform.config.Env;
import java.util.Locale;

/**
 * How log lines are written, from {@code PROST_LOG_FORMAT}: {@code text} (the default, for a
 * terminal) or {@code json} (one object per line, for a log pipeline; see {@link JsonLineEncoder}).
 */
public enum LogFormat {
  TEXT, JSON;

  public static final String VARIABLE = "PROST_LOG_FORMAT";

  /** The format the environment asks for; a value other than text or json is a {@link ConfigException}. */
  public static LogFormat from(Env env) {
    String value = env.string(VARIABLE, "text").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new ConfigException(VARIABLE, "'" + value + "' is not a log format (text, json)");
    };
  }

  /**
   * What {@link LogLineEncoder} uses: never throws, because Logback is configured before any
   * Prost code runs; a bad value logs as text, and the start then fails on {@link #from(Env)}
   * with a line that can be read.
   */
  static LogFormat lenient(Env env) {
    try {
      return from(env);
    } catch (ConfigException e) {
      return TEXT;
    }
  }
}

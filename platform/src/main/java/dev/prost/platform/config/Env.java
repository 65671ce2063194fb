package dev.prost.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validating view of the process environment. Every accessor takes the variable
 * name and a default that works on a developer machine; a value that is present but
 * unusable throws {@link ConfigException} naming the variable instead of falling back.
 */
public final class Env {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private final Map<String, String> vars;

  private Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  public static Env of(Map<String, String> vars) {
    return new Env(vars);
  }

  public static Env system() {
    return of(System.getenv());
  }

  /** Every variable whose name starts with {@code prefix} and whose value is not blank. */
  public Map<String, String> startingWith(String prefix) {
    Map<String, String> found = new java.util.TreeMap<>();
    vars.forEach((name, value) -> {
      if (name.startsWith(prefix) && value != null && !value.isBlank()) {
        found.put(name, value.trim());
      }
    });
    return found;
  }

  public Optional<String> optional(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** A string restricted to lower-case letters, digits, dots, dashes and underscores. */
  public String identifier(String name, String defaultValue) {
    String value = string(name, defaultValue);
    if (!value.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
      throw new ConfigException(name, "'" + value + "' is not a valid name (a-z, 0-9, '.', '-', '_')");
    }
    return value;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "'" + raw.get() + "' is not an integer");
    }
    if (value < min || value > max) {
      throw new ConfigException(name, value + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  public int positive(String name, int defaultValue) {
    return integer(name, defaultValue, 1, Integer.MAX_VALUE);
  }

  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  public double fraction(String name, double defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (value < 0 || value > 1 || Double.isNaN(value)) {
        throw new ConfigException(name, raw.get() + " is not between 0 and 1");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "'" + raw.get() + "' is not a number");
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, "'" + raw.get() + "' is not a boolean (true/false)");
    };
  }

  /** A positive duration: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h}; a bare number is seconds. */
  public Duration duration(String name, Duration defaultValue) {
    Duration value = durationOrZero(name, defaultValue);
    if (value.isZero()) {
      throw new ConfigException(name, "must be greater than zero");
    }
    return value;
  }

  /** As {@link #duration}, but 0 is allowed: for a wait or a cache that 0 turns off. */
  public Duration durationOrZero(String name, Duration defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(raw.get());
    if (!m.matches()) {
      throw new ConfigException(name, "'" + raw.get() + "' is not a duration such as 500ms, 30s, 10m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** An absolute URI whose scheme is one of {@code schemes}. */
  public URI uri(String name, String defaultValue, String... schemes) {
    String raw = string(name, defaultValue);
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(name, "'" + raw + "' is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    for (String allowed : schemes) {
      if (allowed.equalsIgnoreCase(scheme)) {
        if (uri.getHost() == null) {
          throw new ConfigException(name, "'" + raw + "' has no host");
        }
        return uri;
      }
    }
    throw new ConfigException(name, "'" + raw + "' must start with one of " + String.join(", ", schemes) + "://");
  }
}

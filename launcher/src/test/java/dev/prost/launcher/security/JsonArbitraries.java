package dev.prost.launcher.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary JSON as text: strings of any UTF-16 units (lone surrogates and controls written as
 * {@code \\u} escapes, so the text is always well-formed), numbers past every Java and
 * PostgreSQL range, booleans, null, and nested arrays and objects.
 */
final class JsonArbitraries {

  private JsonArbitraries() {}

  /** Any JSON value, nested at most {@code depth} levels. */
  static Arbitrary<String> value(int depth) {
    if (depth <= 0) {
      return scalar();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalar()),
        Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
            .map(items -> items.stream().collect(Collectors.joining(",", "[", "]")))),
        Tuple.of(1, object(List.of(), depth - 1)));
  }

  /** A JSON object whose member names are mostly {@code names} (a contract's fields), else arbitrary. */
  static Arbitrary<String> object(List<String> names, int depth) {
    Arbitrary<String> name = names.isEmpty() ? strings()
        : Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(names)), Tuple.of(1, strings()));
    Arbitrary<String> member = Combinators.combine(name, Arbitraries.lazy(() -> value(depth)))
        .as((n, v) -> string(n) + ":" + v);
    return member.list().ofMaxSize(6).map(members -> String.join(",", members)).map(m -> "{" + m + "}");
  }

  /**
   * Values a member's schema might accept, with its boundaries and one past them: strings of
   * its length (UUIDs for a uuid format), integers of its range, booleans; null where allowed.
   */
  static Arbitrary<String> forSchema(JsonObject schema) {
    Object type = schema.getValue("type");
    String first = type instanceof JsonArray types ? types.getString(0) : (String) type;
    boolean nullable = type instanceof JsonArray types && types.contains("null");
    Arbitrary<String> values = switch (first == null ? "" : first) {
      case "integer" -> {
        long min = schema.getLong("minimum", Long.MIN_VALUE + 1);
        long max = schema.getLong("maximum", Long.MAX_VALUE - 1);
        yield Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(min, max)),
            Tuple.of(1, Arbitraries.of(min, max, min - 1, max + 1))).map(Object::toString);
      }
      case "boolean" -> Arbitraries.of("true", "false");
      case "string" -> "uuid".equals(schema.getString("format"))
          ? Arbitraries.create(UUID::randomUUID).map(id -> string(id.toString()))
          : strings(schema.getInteger("minLength", 0), Math.min(schema.getInteger("maxLength", 200), 300));
      default -> value(1);
    };
    return nullable ? Arbitraries.frequencyOf(Tuple.of(4, values), Tuple.of(1, Arbitraries.just("null"))) : values;
  }

  /** Mostly text a database can hold, now and then any UTF-16 units at all; as JSON literals. */
  private static Arbitrary<String> strings(int min, int max) {
    return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMinLength(min).ofMaxLength(max)),
            Tuple.of(1, Arbitraries.strings().all().ofMinLength(min).ofMaxLength(max)))
        .map(JsonArbitraries::string);
  }

  static Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        strings().map(JsonArbitraries::string),
        Arbitraries.of(HostileValues.forJsonField().stream().filter(v -> v.json().length() < 1000)
            .map(HostileValues.Value::json).toList()),
        Arbitraries.longs().map(Object::toString),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(Object::toString),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e400"),
        Arbitraries.of("true", "false", "null", "0", "-0", "1e400", "-1e-400", "0.0"),
        Arbitraries.create(UUID::randomUUID).map(id -> string(id.toString())));
  }

  /** Short strings of any UTF-16 code units, with the odd plausible value mixed in. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().alpha().numeric().withChars("_-.@ ").ofMaxLength(30),
        Arbitraries.of("EUR", "tok_visa", "tok_decline", "a@example.com", "admin", "customer", ""));
  }

  /** {@code text} as a JSON string literal, everything outside printable ASCII escaped. */
  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

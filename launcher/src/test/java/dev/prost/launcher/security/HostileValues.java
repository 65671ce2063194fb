package dev.prost.launcher.security;

import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What an attacker types into a field: SQL and other metacharacters, very long strings, control
 * characters and NUL, awkward Unicode, and values of the wrong JSON type.
 */
final class HostileValues {

  /** A value with a short name for reports; {@code json} is its JSON text, {@code text} its plain text. */
  record Value(String label, String json, String text) {

    static Value ofText(String label, String text) {
      return new Value(label, Json.encode(text), text);
    }

    /** A JSON value that is not a string; as a parameter it is sent as its JSON text. */
    static Value ofJson(String label, String json) {
      return new Value(label, json, json);
    }
  }

  private static final List<Value> STRINGS = List.of(
      Value.ofText("sql-or", "' OR 1=1 --"),
      Value.ofText("sql-drop", "\"; DROP TABLE products; --"),
      Value.ofText("sql-drop-users", "'); DROP TABLE users_schema.users; --"),
      Value.ofText("sql-union", "x' UNION SELECT password_hash FROM users_schema.users --"),
      Value.ofText("sql-sleep", "1; SELECT pg_sleep(10)"),
      Value.ofText("like-wildcards", "%_\\%"),
      Value.ofText("json-operator", "{\"$gt\":\"\"}"),
      Value.ofText("html", "<script>alert(1)</script>"),
      Value.ofText("path-traversal", "../../../etc/passwd"),
      Value.ofText("format-string", "%s%n%x%p{}"),
      Value.ofText("crlf-injection", "x\r\nSet-Cookie: admin=1\r\n\r\n"),
      Value.ofText("log-injection", "x\n12:00:00.000 INFO  forged log line"),
      Value.ofText("control-chars", "\u0001\u0002\u0007\u001b[31m\u007f"),
      Value.ofText("control-only", "\t\u0001\u001f"),
      Value.ofText("nul-inside", "a\u0000b"),
      Value.ofText("nul-only", "\u0000"),
      Value.ofText("empty", ""),
      Value.ofText("blank", "   "),
      Value.ofText("rtl-override", "\u202Egnp.exe"),
      Value.ofText("zero-width", "a\u200B\u200C\u200D\u2060b"),
      Value.ofText("emoji", "\uD83D\uDE00\uD83C\uDDE9\uD83C\uDDEA"),
      Value.ofText("combining", "e\u0301\u0301\u0301"),
      Value.ofText("bom", "\uFEFFbom"),
      Value.ofText("line-separators", "a\u2028b\u2029c"),
      Value.ofText("fullwidth", "\uFF07\uFF2F\uFF32\u3000\uFF11\uFF1D\uFF11"),
      Value.ofText("dotted-capital-i", "\u0130STANBUL"),
      Value.ofText("noncharacter", "\uFFFF\uFFFE"),
      new Value("lone-surrogate", "\"a\\uD800b\"", "a\uD800b"),
      new Value("reversed-surrogates", "\"\\uDC00\\uD800\"", "\uDC00\uD800"),
      Value.ofText("long-10k", "x".repeat(10_000)),
      Value.ofText("long-within-limit", "y".repeat(SecurityFixture.BODY_LIMIT - 1024)),
      Value.ofText("long-1m", "z".repeat(1024 * 1024)));

  private static final List<Value> WRONG_TYPES = List.of(
      Value.ofJson("zero", "0"),
      Value.ofJson("negative", "-1"),
      Value.ofJson("fraction", "1.5"),
      Value.ofJson("exponent", "1e3"),
      Value.ofJson("huge-exponent", "1e400"),
      Value.ofJson("negative-huge-exponent", "-1e400"),
      Value.ofJson("tiny-exponent", "1e-400"),
      Value.ofJson("long-overflow", "9223372036854775808"),
      Value.ofJson("int-overflow", "2147483648"),
      Value.ofJson("big-integer", "1" + "0".repeat(400)),
      Value.ofJson("true", "true"),
      Value.ofJson("false", "false"),
      Value.ofJson("null", "null"),
      Value.ofJson("empty-object", "{}"),
      Value.ofJson("object", "{\"$ne\":null,\"id\":1}"),
      Value.ofJson("empty-array", "[]"),
      Value.ofJson("array", "[\"a\",1,null]"),
      Value.ofText("number-as-string", "123"),
      Value.ofText("uuid-as-string", "00000000-0000-0000-0000-000000000000"),
      Value.ofText("boolean-as-string", "true"));

  private HostileValues() {}

  /** Every hostile JSON value for a body member. */
  static List<Value> forJsonField() {
    List<Value> all = new ArrayList<>(STRINGS);
    all.addAll(WRONG_TYPES);
    return all;
  }

  /** Every hostile text for a path or query parameter (those over the URI limit included). */
  static List<Value> forParameter() {
    List<Value> all = new ArrayList<>(STRINGS.stream().filter(v -> v.text().length() <= 10_000).toList());
    all.addAll(WRONG_TYPES);
    all.add(Value.ofText("nan", "NaN"));
    all.add(Value.ofText("hex", "0x10"));
    all.add(Value.ofText("padded-number", " 1 "));
    all.add(Value.ofText("encoded-slash", "a/../../b"));
    return all;
  }

  /** Hostile texts a client can put in a header at all: HTTP forbids control characters there. */
  static List<Value> forHeader() {
    return forParameter().stream()
        .filter(v -> v.text().chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)
            && v.text().chars().allMatch(c -> c < 0x100))
        .toList();
  }
}

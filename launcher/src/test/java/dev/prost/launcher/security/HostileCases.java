package dev.prost.launcher.security;

import dev.prost.launcher.security.HostileValues.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The hostile variants of one operation's request, derived from its contract: every body member
 * and every path, query and header parameter gets every hostile value in turn, and every
 * operation gets an unknown query parameter; one without a body also gets a body it does not
 * expect. Anything the contract declares is therefore covered as soon as it is declared.
 */
final class HostileCases {

  record Case(String name, Supplier<Call> call) {}

  private static final List<Value> PROBES = List.of(Value.ofText("sql-or", "' OR 1=1 --"),
      Value.ofText("nul", "\u0000"), Value.ofText("long-10k", "x".repeat(10_000)));

  private HostileCases() {}

  static List<Case> of(ContractOperation op, Baselines baselines) {
    List<Case> cases = new ArrayList<>();
    for (String field : op.bodyFields()) {
      for (Value value : HostileValues.forJsonField()) {
        cases.add(new Case(field + "=" + value.label(), () -> baselines.of(op).member(field, value.json())));
      }
      cases.add(new Case("without " + field, () -> baselines.of(op).withoutMember(field)));
    }
    for (ContractOperation.Param param : op.params()) {
      List<Value> values = param.in().equals("header") ? HostileValues.forHeader() : HostileValues.forParameter();
      for (Value value : values) {
        String name = param.in() + " " + param.name() + "=" + value.label();
        cases.add(new Case(name, () -> {
          Call call = baselines.of(op);
          return switch (param.in()) {
            case "path" -> call.path(param.name(), value.text());
            case "query" -> call.query(param.name(), value.text());
            default -> call.header(param.name(), value.text());
          };
        }));
      }
      if (param.in().equals("query")) {
        cases.add(new Case("query " + param.name() + " twice", () -> baselines.of(op)
            .addQuery(param.name(), "1").addQuery(param.name(), "' OR 1=1 --")));
      }
    }
    for (Value value : PROBES) {
      cases.add(new Case("unknown query parameter=" + value.label(), () -> baselines.of(op)
          .addQuery("user_id", value.text())));
    }
    if (!op.hasJsonBody()) {
      cases.add(new Case("unexpected body", () -> baselines.of(op).member("user_id", "\"" + UUID.randomUUID() + "\"")
          .member("roles", "[\"admin\"]").member("q", "\"' OR 1=1 --\"")));
    }
    return cases;
  }

  /**
   * Bodies no JSON operation can take: not JSON, not UTF-8, not an object, nested past any
   * parser's limit, or sent as another media type. Each answer must be a 4xx problem.
   */
  static List<Case> wholeBodies(ContractOperation op, Baselines baselines) {
    List<Case> cases = new ArrayList<>();
    String[][] texts = {
        {"empty", ""}, {"whitespace", "   "}, {"truncated", "{\"a\":"}, {"single-quotes", "{'a':1}"},
        {"unquoted-key", "{a:1}"}, {"trailing-comma", "{\"a\":1,}"}, {"trailing-garbage", "{} x"},
        {"two-objects", "{}{}"}, {"comment", "{/* */}"}, {"nan", "{\"a\":NaN}"}, {"raw-control", "{\"a\":\"\u0001\"}"},
        {"bom", "\uFEFF{}"}, {"null", "null"}, {"array", "[]"}, {"string", "\"x\""}, {"number", "1"},
        {"boolean", "true"}, {"deep-nesting", "[".repeat(10_000) + "]".repeat(10_000)},
        {"deep-objects", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)},
        {"huge-number", "{\"a\":1" + "0".repeat(20_000) + "}"}, {"duplicate-keys", null}, {"nul-key", "{\"\\u0000\":1}"}};
    for (String[] text : texts) {
      cases.add(new Case("body " + text[0], () -> {
        Call call = baselines.of(op);
        if (text[1] == null) {
          // the same member twice: whichever a parser keeps, both must be checked
          String valid = call.body().toString();
          return call.rawBody(valid.substring(0, valid.length() - 1) + "," + valid.substring(1), "application/json");
        }
        return call.rawBody(text[1], "application/json");
      }));
    }
    cases.add(new Case("body invalid-utf8", () -> baselines.of(op).rawBody(io.vertx.core.buffer.Buffer.buffer(
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}), "application/json")));
    String[] mediaTypes = {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/xml", "application/jsonx", "json", "application/json; charset=ebcdic", "*/*"};
    for (String mediaType : mediaTypes) {
      cases.add(new Case("content-type " + mediaType, () -> {
        Call call = baselines.of(op);
        return call.rawBody(call.body(), mediaType);
      }));
    }
    return cases;
  }
}

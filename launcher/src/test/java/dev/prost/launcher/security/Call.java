package dev.prost.launcher.security;

import dev.prost.platform.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request of a contract operation, built by hand so that any part of it can be made
 * hostile: path and query values are percent-encoded here, the JSON body is kept as raw
 * member texts (a lone surrogate escape or {@code 1e400} survive), headers go out as given.
 */
final class Call {

  private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  final ContractOperation op;
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private final List<Map.Entry<String, String>> query = new ArrayList<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Map<String, String> members;
  private Buffer rawBody;
  private String contentType;
  private String token;
  private String rawQuery;

  Call(ContractOperation op) {
    this.op = op;
  }

  Call copy() {
    Call copy = new Call(op);
    copy.pathValues.putAll(pathValues);
    copy.query.addAll(query);
    copy.headers.putAll(headers);
    copy.members = members == null ? null : new LinkedHashMap<>(members);
    copy.rawBody = rawBody;
    copy.contentType = contentType;
    copy.token = token;
    copy.rawQuery = rawQuery;
    return copy;
  }

  Call path(String name, String value) {
    pathValues.put(name, value);
    return this;
  }

  /** Sets the query parameter, replacing any earlier value. */
  Call query(String name, String value) {
    query.removeIf(e -> e.getKey().equals(name));
    return addQuery(name, value);
  }

  Call addQuery(String name, String value) {
    query.add(new AbstractMap.SimpleEntry<>(name, value));
    return this;
  }

  /** {@code text} appended to the query string as it is, not encoded: a query no client library would send. */
  Call rawQuery(String text) {
    this.rawQuery = text;
    return this;
  }

  Call header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The bearer token, or null for none. */
  Call token(String token) {
    this.token = token;
    return this;
  }

  String token() {
    return token;
  }

  /** A JSON object body with one member {@code name} whose value is the JSON text {@code json}. */
  Call member(String name, String json) {
    if (members == null) {
      members = new LinkedHashMap<>();
    }
    members.put(name, json);
    contentType = "application/json";
    rawBody = null;
    return this;
  }

  Call withoutMember(String name) {
    members.remove(name);
    return this;
  }

  /** Exactly these bytes as the body, with this Content-Type (null: none). */
  Call rawBody(Buffer body, String contentType) {
    this.members = null;
    this.rawBody = body;
    this.contentType = contentType;
    return this;
  }

  Call rawBody(String body, String contentType) {
    return rawBody(Buffer.buffer(body, StandardCharsets.UTF_8.name()), contentType);
  }

  String uri() {
    String uri = op.path();
    for (Map.Entry<String, String> p : pathValues.entrySet()) {
      uri = uri.replace("{" + p.getKey() + "}", encode(p.getValue()));
    }
    if (!query.isEmpty()) {
      uri += query.stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
          .collect(Collectors.joining("&", "?", ""));
    }
    if (rawQuery != null) {
      uri += (query.isEmpty() ? "?" : "&") + rawQuery;
    }
    return uri;
  }

  Buffer body() {
    if (members != null) {
      return Buffer.buffer(members.entrySet().stream()
          .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
          .collect(Collectors.joining(",", "{", "}")), StandardCharsets.UTF_8.name());
    }
    return rawBody;
  }

  HttpResponse<Buffer> send(SecurityFixture prost, Target target) {
    return send(prost, target, op.method());
  }

  HttpResponse<Buffer> send(SecurityFixture prost, Target target, HttpMethod method) {
    HttpRequest<Buffer> request = prost.client(target).request(method, uri());
    headers.forEach(request::putHeader);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    Buffer body = body();
    return Await.result(body == null ? request.send() : request.sendBuffer(body));
  }

  /** The request in a line, long values cut short, for failure messages. */
  String describe() {
    Buffer body = body();
    String text = body == null ? "" : " " + body.toString(StandardCharsets.UTF_8);
    return abbreviate(op.method() + " " + uri() + (headers.isEmpty() ? "" : " " + headers.keySet()) + text);
  }

  private static String abbreviate(String text) {
    String printable = text.codePoints()
        .mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : new String(Character.toChars(c)))
        .collect(Collectors.joining());
    return printable.length() <= 200 ? printable : printable.substring(0, 200) + "…(" + printable.length() + ")";
  }

  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (UNRESERVED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}

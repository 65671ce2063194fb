package dev.prost.users;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.ServiceFixture;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A users service ({@link ServiceFixture}) signing with dev keys of its own, under a temporary data directory. */
final class UsersFixture {

  final Vertx vertx;
  final Path dataDir;
  final String namespace;
  final int port;
  final WebClient client;
  private final ServiceFixture service;

  UsersFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    try {
      this.dataDir = Files.createTempDirectory("prost-users-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> env = new HashMap<>();
    // users signs: no pinned public key, its own pair under the data directory
    env.put("PROST_JWT_PUBLIC_KEY", null);
    env.put("PROST_DATA_DIR", dataDir.toString());
    env.putAll(overrides);
    this.service = new ServiceFixture(vertx, db, UsersService.TOPOLOGY, env);
    this.namespace = service.namespace;
    this.port = service.port;
    this.client = service.client;
  }

  Map<String, String> env() {
    return service.variables();
  }

  UsersFixture start() {
    service.start(env -> UsersService.start(vertx, UsersConfig.from(env)));
    return this;
  }

  void stop() {
    service.close();
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return Await.result(client.post(path).sendJsonObject(body));
  }

  HttpResponse<Buffer> postRaw(String path, Buffer body) {
    return Await.result(client.post(path).putHeader("content-type", "application/json").sendBuffer(body));
  }

  HttpResponse<Buffer> get(String path, String bearer) {
    return service.send("GET", path, bearer, null);
  }

  HttpResponse<Buffer> register(String email, String password, String name) {
    return post("/api/auth/register", new JsonObject().put("email", email).put("password", password).put("name", name));
  }

  HttpResponse<Buffer> login(String email, String password) {
    return post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
  }
}

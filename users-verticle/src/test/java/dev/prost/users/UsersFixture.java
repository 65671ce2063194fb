package dev.prost.users;

import dev.prost.platform.config.Env;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A users service on a free port, against the class's database and a random namespace. */
final class UsersFixture {

  final Vertx vertx;
  final Path dataDir;
  final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
  final int port;
  final WebClient client;
  private final TestDatabase db;
  private final Map<String, String> overrides;
  private RunningService running;

  UsersFixture(Vertx vertx, TestDatabase db, Map<String, String> overrides) {
    this.vertx = vertx;
    this.db = db;
    this.overrides = overrides;
    try {
      this.dataDir = Files.createTempDirectory("prost-users-test");
      try (ServerSocket socket = new ServerSocket(0)) {
        this.port = socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PROST_DB_URL", "postgresql://" + db.config().host() + ":" + db.config().port() + "/" + db.name());
    env.put("PROST_NAMESPACE", namespace);
    env.put("PROST_USERS_PORT", Integer.toString(port));
    env.put("PROST_HTTP_INSTANCES", "1");
    env.put("PROST_DATA_DIR", dataDir.toString());
    env.putAll(overrides);
    return env;
  }

  UsersFixture start() {
    running = Await.result(UsersService.start(vertx, UsersConfig.from(Env.of(env()))));
    return this;
  }

  void stop() {
    if (running != null) {
      Await.result(running.stop());
      running = null;
      UsersConfig config = UsersConfig.from(Env.of(env()));
      NamespaceCleanup.broker(vertx, config.messaging(), UsersService.TOPOLOGY);
      try {
        NamespaceCleanup.redis(vertx, config.redisUrl(), namespace);
      } catch (RuntimeException e) {
        // a test that stopped its own Redis has nothing left to clean there
      }
    }
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return Await.result(client.post(path).sendJsonObject(body));
  }

  HttpResponse<Buffer> postRaw(String path, Buffer body) {
    return Await.result(client.post(path).putHeader("content-type", "application/json").sendBuffer(body));
  }

  HttpResponse<Buffer> get(String path, String bearer) {
    var request = client.get(path);
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    return Await.result(request.send());
  }

  HttpResponse<Buffer> register(String email, String password, String name) {
    return post("/api/auth/register", new JsonObject().put("email", email).put("password", password).put("name", name));
  }

  HttpResponse<Buffer> login(String email, String password) {
    return post("/api/auth/login", new JsonObject().put("email", email).put("password", password));
  }
}

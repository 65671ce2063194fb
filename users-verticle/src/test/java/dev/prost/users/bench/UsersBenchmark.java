package dev.prost.users.bench;

import dev.prost.platform.auth.AuthConfig;
import dev.prost.platform.auth.JwtIssuer;
import dev.prost.platform.auth.JwtVerifier;
import dev.prost.platform.auth.RsaKeys;
import dev.prost.platform.config.Env;
import dev.prost.platform.service.RunningService;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.NamespaceCleanup;
import dev.prost.platform.testing.TestDatabase;
import dev.prost.users.UsersConfig;
import dev.prost.users.UsersService;
import dev.prost.users.domain.Argon2idPasswords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Users-service figures with their same-run baselines: login throughput and latency next to
 * the raw Argon2id rate of this machine (a login is one Argon2id verification, so that rate
 * is its ceiling), and token verifications per second on one core next to bare RS256
 * signature checks. Run by {@code scripts/bench users}; prints lines the script parses.
 */
public final class UsersBenchmark {

  private static final int LOGIN_CONCURRENCY = 16;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int cores = Runtime.getRuntime().availableProcessors();

    double argon2 = argon2PerSecond(cores, seconds);
    System.out.printf("baseline argon2id: %.1f verifications/s on %d threads%n", argon2, cores);

    Vertx vertx = Vertx.vertx();
    try (TestDatabase db = TestDatabase.create()) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("PROST_DB_URL", "postgresql://127.0.0.1:5432/" + db.name());
      env.put("PROST_NAMESPACE", "bench-" + UUID.randomUUID().toString().substring(0, 8));
      env.put("PROST_USERS_PORT", Integer.toString(port));
      env.put("PROST_DATA_DIR", Files.createTempDirectory("prost-bench").toString());
      UsersConfig config = UsersConfig.from(Env.of(env));
      RunningService users = Await.result(UsersService.start(vertx, config));
      login(vertx, port, seconds);
      Await.result(users.stop());
      NamespaceCleanup.broker(vertx, config.messaging(), UsersService.TOPOLOGY);
      NamespaceCleanup.redis(vertx, config.redisUrl(), config.messaging().namespace());

      RsaKeys keys = Await.result(vertx.executeBlocking(() -> RsaKeys.forIssuer(config.auth()), false));
      verify(config.auth(), keys, seconds);
    } finally {
      Await.result(vertx.close());
    }
  }

  private static double argon2PerSecond(int threads, int seconds) throws Exception {
    Argon2idPasswords passwords = Argon2idPasswords.owasp();
    String hash = passwords.hash("correct horse battery");
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(5, seconds / 2));
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          passwords.verify("correct horse battery", hash);
          done.incrementAndGet();
        }
      });
      t.start();
      workers.add(t);
    }
    long started = System.nanoTime();
    for (Thread t : workers) {
      t.join();
    }
    return done.get() / ((System.nanoTime() - started) / 1e9);
  }

  private static void login(Vertx vertx, int port, int seconds) throws Exception {
    WebClient client = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(LOGIN_CONCURRENCY));
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < LOGIN_CONCURRENCY; i++) {
      String email = "bench" + i + "@example.com";
      Await.result(client.post("/api/auth/register").sendJsonObject(
          new JsonObject().put("email", email).put("password", "correct horse battery").put("name", "Bench")));
      emails.add(email);
    }
    ConcurrentHistogram latency = new ConcurrentHistogram(3);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch finished = new CountDownLatch(LOGIN_CONCURRENCY);
    for (String email : emails) {
      vertx.runOnContext(v -> loginLoop(client, email, warmupEnd, end, latency, ok, failed, finished));
    }
    finished.await();
    System.out.printf("login: %.1f logins/s, p50 %.1f ms, p99 %.1f ms (%d ok, %d failed, concurrency %d)%n",
        ok.get() / (double) seconds, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
        ok.get(), failed.get(), LOGIN_CONCURRENCY);
  }

  private static void loginLoop(WebClient client, String email, long warmupEnd, long end, ConcurrentHistogram latency,
      AtomicLong ok, AtomicLong failed, CountDownLatch finished) {
    long started = System.nanoTime();
    if (started > end) {
      finished.countDown();
      return;
    }
    client.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "correct horse battery"))
        .onComplete(ar -> {
          long now = System.nanoTime();
          if (now > warmupEnd) {
            if (ar.succeeded() && ar.result().statusCode() == 200) {
              ok.incrementAndGet();
              latency.recordValue(now - started);
            } else {
              failed.incrementAndGet();
            }
          }
          loginLoop(client, email, warmupEnd, end, latency, ok, failed, finished);
        });
  }

  private static void verify(AuthConfig auth, RsaKeys keys, int seconds) throws Exception {
    String token = JwtIssuer.create(auth, keys).issue(UUID.randomUUID(), Set.of("customer"));
    JwtVerifier verifier = JwtVerifier.create(auth, keys.publicKey());
    String[] parts = token.split("\\.");
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = java.util.Base64.getUrlDecoder().decode(parts[2]);

    // one thread each: "per core"
    double raw = rate(seconds, () -> {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(keys.publicKey());
      rsa.update(signingInput);
      if (!rsa.verify(signature)) {
        throw new IllegalStateException("signature does not verify");
      }
      return null;
    });
    double ours = rate(seconds, () -> {
      Future<?> verified = verifier.verify(token);
      if (!verified.succeeded()) {
        throw new IllegalStateException("token rejected: " + verified.cause());
      }
      return null;
    });
    System.out.printf("baseline rs256: %.0f signature verifications/s on one thread%n", raw);
    System.out.printf("jwt verify: %.0f token verifications/s on one thread%n", ours);
  }

  private static double rate(int seconds, java.util.concurrent.Callable<Void> op) throws Exception {
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < warmupEnd) {
      op.call();
    }
    long count = 0;
    long started = System.nanoTime();
    long end = started + TimeUnit.SECONDS.toNanos(Math.max(3, seconds / 2));
    while (System.nanoTime() < end) {
      op.call();
      count++;
    }
    return count / ((System.nanoTime() - started) / 1e9);
  }

  private UsersBenchmark() {}
}

package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.auth.impl.JwksKeySource;
import dev.prost.platform.auth.impl.RsaJwtVerifier;
import dev.prost.platform.config.Env;
import dev.prost.platform.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Access token verification against the users service's JWKS")
class JwksVerificationTest {

  private static final RsaKeys OLD = RsaKeys.generate();
  private static final RsaKeys NEW = RsaKeys.generate();
  private JwksServer jwks;
  private AuthConfig config;
  private JwtIssuer oldIssuer;
  private JwtIssuer newIssuer;
  private final UUID user = UUID.randomUUID();

  @BeforeEach
  void serveJwks(Vertx vertx) {
    jwks = new JwksServer(vertx);
    config = AuthConfig.from(Env.of(Map.of("PROST_JWT_JWKS_URL", jwks.url().toString())));
    oldIssuer = JwtIssuer.create(config, OLD);
    newIssuer = JwtIssuer.create(config, NEW);
    jwks.serve(oldIssuer);
  }

  @AfterEach
  void stop() {
    jwks.close();
  }

  @Test
  @DisplayName("the JWKS is read once at start; tokens with a known kid need no further reads")
  void readOnceAtStart(Vertx vertx) {
    JwtVerifier verifier = JwtVerifier.create(vertx, config);
    await().atMost(Duration.ofSeconds(5)).until(() -> jwks.requests.get() == 1);
    for (int i = 0; i < 5; i++) {
      assertThat(Await.result(verifier.verify(oldIssuer.issue(user, Set.of("customer")))).userId()).isEqualTo(user);
    }
    assertThat(jwks.requests.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("after a key rotation, a token with the unknown new kid triggers exactly one re-read and verifies")
  void rotation(Vertx vertx) {
    JwtVerifier verifier = JwtVerifier.create(vertx, config);
    assertThat(Await.result(verifier.verify(oldIssuer.issue(user, Set.of()))).userId()).isEqualTo(user);
    assertThat(jwks.requests.get()).isEqualTo(1);

    jwks.serve(newIssuer, oldIssuer);
    assertThat(Await.result(verifier.verify(newIssuer.issue(user, Set.of("admin")))).roles()).containsExactly("admin");
    assertThat(jwks.requests.get()).isEqualTo(2);
    Await.result(verifier.verify(newIssuer.issue(user, Set.of())));
    Await.result(verifier.verify(oldIssuer.issue(user, Set.of())));
    assertThat(jwks.requests.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("an issuer given its old key as retired lists it after the new one: tokens from before the "
      + "rotation still verify, through the JWKS and pinned; without it they are refused")
  void retiredKeyStillVerifies(Vertx vertx) {
    AuthConfig rotated = AuthConfig.from(Env.of(Map.of("PROST_JWT_JWKS_URL", jwks.url().toString(),
        "PROST_JWT_RETIRED_PUBLIC_KEYS", OLD.publicKeyPem())));
    JwtIssuer issuer = JwtIssuer.create(rotated, NEW);
    assertThat(issuer.jwks().getJsonArray("keys").stream().map(key -> ((JsonObject) key).getString("kid")))
        .containsExactly(NEW.kid(), OLD.kid());
    jwks.serve(issuer);
    String before = oldIssuer.issue(user, Set.of("customer"));
    String after = issuer.issue(user, Set.of("customer"));

    for (JwtVerifier verifier : new JwtVerifier[] {JwtVerifier.create(vertx, config),
        JwtVerifier.create(rotated, NEW.publicKey())}) {
      assertThat(Await.result(verifier.verify(before)).userId()).isEqualTo(user);
      assertThat(Await.result(verifier.verify(after)).userId()).isEqualTo(user);
      // the old kid on a token signed by a key nobody was given: the signature refuses it
      String forged = TestTokens.rs256(RsaKeys.generate().privateKey(), TestTokens.header("RS256", OLD.kid()),
          TestTokens.claims(user, "customer"));
      assertThat(Await.failure(verifier.verify(forged))).isInstanceOf(AuthenticationException.class);
    }
    assertThat(Await.failure(JwtVerifier.create(config, NEW.publicKey()).verify(before)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  @DisplayName("a burst of 50 tokens with made-up kids causes at most one re-read, and all are refused")
  void garbageKids(Vertx vertx) {
    JwtVerifier verifier = JwtVerifier.create(vertx, config);
    Await.result(verifier.verify(oldIssuer.issue(user, Set.of())));
    List<Future<Principal>> burst = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String token = TestTokens.rs256(OLD.privateKey(), TestTokens.header("RS256", UUID.randomUUID().toString()),
          TestTokens.claims(user, "customer"));
      burst.add(verifier.verify(token));
    }
    for (Future<Principal> result : burst) {
      assertThat(Await.failure(result)).isInstanceOf(AuthenticationException.class).hasMessageContaining("unknown kid");
    }
    assertThat(jwks.requests.get()).isBetween(1, 2);
    assertThat(Await.failure(verifier.verify(TestTokens.rs256(OLD.privateKey(),
        TestTokens.header("RS256", "another"), TestTokens.claims(user))))).hasMessageContaining("unknown kid");
    assertThat(jwks.requests.get()).isBetween(1, 2);
  }

  @Test
  @DisplayName("jku and x5u headers are never fetched; a token without kid is refused")
  void neverFetchesFromTheToken(Vertx vertx) {
    JwksServer attacker = new JwksServer(vertx);
    RsaKeys evil = RsaKeys.generate();
    attacker.serve(JwtIssuer.create(config, evil));
    try {
      JwtVerifier verifier = JwtVerifier.create(vertx, config);
      JsonObject header = TestTokens.header("RS256", evil.kid())
          .put("jku", attacker.url().toString()).put("x5u", attacker.url().toString());
      Throwable failure = Await.failure(verifier.verify(TestTokens.rs256(evil.privateKey(), header,
          TestTokens.claims(user, "admin"))));
      assertThat(failure).hasMessageContaining("unknown kid");
      assertThat(Await.failure(verifier.verify(TestTokens.rs256(OLD.privateKey(), TestTokens.header("RS256", null),
          TestTokens.claims(user))))).hasMessageContaining("missing kid");
      assertThat(attacker.requests.get()).isZero();
    } finally {
      attacker.close();
    }
  }

  @Test
  @DisplayName("at start, a users service that is not up yet is retried with backoff until it answers")
  void startupRetries(Vertx vertx) {
    jwks.failFirst(3);
    JwtVerifier verifier = JwtVerifier.create(vertx, config);
    await().atMost(Duration.ofSeconds(10)).until(() -> jwks.requests.get() >= 4);
    assertThat(Await.result(verifier.verify(oldIssuer.issue(user, Set.of()))).userId()).isEqualTo(user);
    assertThat(jwks.requests.get()).isEqualTo(4);
  }

  @Test
  @DisplayName("once start-up retries are used up, the verifier answers 503 and loads the keys when the JWKS is back")
  void usableAfterStartupGivesUp(Vertx vertx) throws Exception {
    jwks.down(true);
    var options = new JwksKeySource.Options(Duration.ofMillis(400), Duration.ofMillis(200), Duration.ofSeconds(2));
    JwtVerifier verifier = new RsaJwtVerifier(JwksKeySource.start(vertx, config.jwksUrl(), options),
        config.issuer(), config.audience(), Duration.ofSeconds(30), Clock.systemUTC());
    // start-up retries have stopped: no new request for longer than any backoff step
    AtomicInteger seen = new AtomicInteger(-1);
    await().atMost(Duration.ofSeconds(20)).during(Duration.ofMillis(600)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          int now = jwks.requests.get();
          return seen.getAndSet(now) == now;
        });
    assertThat(jwks.requests.get()).isBetween(1, 4);

    String token = oldIssuer.issue(user, Set.of());
    Throwable failure = Await.failure(verifier.verify(token));
    assertThat(((AuthenticationException) failure).status()).isEqualTo(503);

    jwks.down(false);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
        .until(() -> verifier.verify(token).toCompletionStage().toCompletableFuture()
            .handle((principal, error) -> principal != null).get());
  }

  @Test
  @DisplayName("verticles on different event loops share one re-read and each gets its answer on its own context")
  void sharedAcrossEventLoops(Vertx vertx) {
    JwtVerifier verifier = JwtVerifier.create(vertx, config);
    Await.result(verifier.verify(oldIssuer.issue(user, Set.of())));
    jwks.serve(newIssuer).delay(300);
    String token = newIssuer.issue(user, Set.of("customer"));
    List<Future<Boolean>> onOwnContext = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      onOwnContext.add(vertx.deployVerticle(new VerifyingVerticle(verifier, token))
          .compose(id -> VerifyingVerticle.RESULTS.get(id)));
    }
    for (Future<Boolean> result : onOwnContext) {
      assertThat(Await.result(result)).isTrue();
    }
    assertThat(jwks.requests.get()).isEqualTo(2);
  }
}

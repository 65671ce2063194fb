package dev.prost.platform.http.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prost.platform.db.Migrations;
import dev.prost.platform.db.ServicePool;
import dev.prost.platform.db.ServiceSchema;
import dev.prost.platform.http.HttpErrors;
import dev.prost.platform.http.Problem;
import dev.prost.platform.http.RequestValues;
import dev.prost.platform.http.ServiceRouter;
import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Admission control")
class AdmissionControlTest {

  private static final ServiceSchema SCHEMA = ServiceSchema.of("users");
  private static final int LIMIT = 4;
  private static final int OFFERED = 40;

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass();

  private Pool pool;
  private HttpServer server;
  private WebClient client;
  private AdmissionControl admission;
  private PrometheusMeterRegistry registry;
  // createThing's own admission check: admits unless a test says otherwise
  private final AtomicBoolean open = new AtomicBoolean(true);

  @BeforeEach
  void start(Vertx vertx) {
    Await.result(Migrations.create(vertx, db.config(), SCHEMA).migrate());
    pool = ServicePool.create(vertx, db.config(), SCHEMA);
    Await.result(pool.query("CREATE TABLE IF NOT EXISTS things (name text PRIMARY KEY)").execute());
    Await.result(pool.query("TRUNCATE things").execute());
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServiceRouter.Options options = new ServiceRouter.Options("things", "openapi/test.yaml")
        .operation("createThing", this::insert)
        .operation("listThings", ctx -> ctx.response().end("{}"))
        .operation("getThing", ctx -> ctx.response().end("{}"))
        .operation("boom", ctx -> ctx.response().end("{}"))
        // a limit that cannot move above what the test offers, so the refusals are certain
        .admission(new AdmissionSettings(true, LIMIT, 1, LIMIT, Duration.ofSeconds(2)))
        .admitWhile("createThing", new AdmissionCheck() {
          @Override
          public String name() {
            return "gate";
          }

          @Override
          public boolean admits() {
            return open.get();
          }
        })
        .metrics(registry);
    admission = options.admissionControl();
    server = Await.result(vertx.createHttpServer()
        .requestHandler(Await.result(ServiceRouter.create(vertx, options)))
        .listen(0));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.actualPort()), new PoolOptions().setHttp1MaxSize(OFFERED));
  }

  @AfterEach
  void stop() {
    client.close();
    Await.result(server.close());
    Await.result(pool.close());
  }

  @Test
  @DisplayName("past the limit refuses at once with 503 and Retry-After, changes nothing, and admits again when load drops")
  void refusesPastTheLimit(Vertx vertx) {
    // every admitted request waits on this lock, so the service stays saturated while the rest arrive
    SqlConnection locker = Await.result(pool.getConnection());
    Transaction lock = Await.result(locker.begin());
    Await.result(locker.query("LOCK TABLE things IN ACCESS EXCLUSIVE MODE").execute());

    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    List<Future<Answer>> calls = new ArrayList<>();
    IntStream.range(0, OFFERED).forEach(i -> calls.add(create("thing-" + i).onSuccess(answers::add)));

    // the refusals come back while every admitted request is still held by the lock
    await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() == OFFERED - LIMIT);
    assertThat(answers).allSatisfy(answer -> assertOverloaded(answer.response()));
    Set<String> refused = new HashSet<>(answers.stream().map(Answer::name).toList());

    Await.result(lock.commit());
    Await.result(locker.close());
    Await.result(Future.all(calls));
    List<Answer> admitted = calls.stream().map(Future::result)
        .filter(answer -> answer.response().statusCode() == 201).toList();
    assertThat(admitted).hasSize(LIMIT);

    // exactly what was admitted was written; nothing refused left a trace
    Set<String> stored = new HashSet<>(Await.result(pool.query("SELECT name FROM things").execute())
        .stream().map(row -> row.getString("name")).toList());
    assertThat(stored).hasSize(LIMIT).doesNotContainAnyElementsOf(refused)
        .containsExactlyInAnyOrderElementsOf(admitted.stream().map(Answer::name).toList());

    // load dropped: requests are admitted again, one after another
    for (int i = 0; i < LIMIT * 2; i++) {
      assertThat(Await.result(create("after-" + i)).response().statusCode()).isEqualTo(201);
    }
    assertThat(admission.limit(Lane.WRITES)).isBetween(1, LIMIT);
  }

  @Test
  @DisplayName("an operation's own check refuses its requests like a full lane while it says no, and only that operation's")
  void checkRefuses() {
    open.set(false);
    List<Future<Answer>> calls = new ArrayList<>();
    IntStream.range(0, OFFERED).forEach(i -> calls.add(create("refused-" + i)));
    Await.result(Future.all(calls));
    assertThat(calls).allSatisfy(call -> assertOverloaded(call.result().response()));
    // the service's other operations are not held by the check
    assertThat(Await.result(client.get("/api/things").send()).statusCode()).isEqualTo(200);
    assertThat(Await.result(pool.query("SELECT count(*) FROM things").execute()).iterator().next().getLong(0))
        .isZero();
    assertThat(registry.get("prost.admission.refused").tags("lane", "writes", "cause", "gate").counter().count())
        .isEqualTo(OFFERED);
    // the check refused before the lane was entered: nothing was counted against the limit
    assertThat(registry.get("prost.admission.refused").tags("lane", "writes", "cause", "limit").counter().count())
        .isZero();

    open.set(true);
    assertThat(Await.result(create("admitted")).response().statusCode()).isEqualTo(201);
  }

  private void assertOverloaded(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("2");
    assertThat(response.getHeader("content-type")).isEqualTo(HttpErrors.PROBLEM_JSON);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "overloaded");
  }

  /** An answer with the name its request tried to store, so refused and admitted can be told apart. */
  private record Answer(String name, HttpResponse<Buffer> response) {}

  private Future<Answer> create(String name) {
    return client.post("/api/things")
        .sendJsonObject(new JsonObject().put("name", name).put("quantity", 1).put("kind", "small"))
        .map(response -> new Answer(name, response));
  }

  private void insert(RoutingContext ctx) {
    String name = RequestValues.body(ctx).getString("name");
    pool.preparedQuery("INSERT INTO things (name) VALUES ($1)").execute(Tuple.of(name))
        .onSuccess(rows -> ctx.response().setStatusCode(201).end())
        .onFailure(ctx::fail);
  }
}

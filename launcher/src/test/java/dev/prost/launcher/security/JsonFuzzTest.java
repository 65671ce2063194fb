package dev.prost.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prost.platform.testing.Await;
import dev.prost.platform.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * A property-based pass over every operation that takes a JSON body: valid requests with one to
 * three members replaced, dropped or added (names from the contract or made up, values any
 * JSON), arbitrary objects, and arbitrary JSON of any other shape. Whatever arrives, the answer
 * is a 4xx problem or a 2xx the contract documents, never a 5xx, never a trace of the code.
 *
 * <p>jqwik does not run JUnit Jupiter extensions, so the class makes and drops its database
 * itself, as {@code TestDatabase.perClass()} would.
 */
@Label("Security: fuzzed JSON bodies on every JSON operation")
class JsonFuzzTest {

  private static TestDatabase db;
  private static Vertx vertx;
  private static SecurityFixture prost;
  private static Baselines baselines;

  /** What to do to a valid request: replace or drop a member, or add one. */
  record Mutation(String member, String json) {
    Call applyTo(Call call) {
      return json == null ? call.withoutMember(member) : call.member(member, json);
    }
  }

  /** One fuzzed request: the valid one mutated, or a body of its own ({@code body} not null). */
  record FuzzCase(ContractOperation op, List<Mutation> mutations, String body, boolean viaEntry) {
    @Override
    public String toString() {
      return op.id() + (viaEntry ? " via entry " : " ") + (body != null ? body : mutations);
    }
  }

  @BeforeContainer
  static void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    prost = SecurityFixture.start(vertx, db);
    JsonObject victim = prost.createProduct("Fuzzed tea");
    baselines = new Baselines(prost, new Baselines.World(UUID.fromString(victim.getString("category_id")),
        UUID.fromString(victim.getString("id")), UUID.fromString(prost.createProduct("Untouched tea").getString("id")),
        UUID.fromString(prost.createProduct("Tea in the cart").getString("id")), UUID.randomUUID()));
  }

  @AfterContainer
  static void stop() {
    try {
      if (prost != null) {
        prost.stop();
      }
      if (vertx != null) {
        Await.result(vertx.close());
      }
    } finally {
      if (db != null) {
        db.close();
      }
    }
  }

  // edge cases off: combined over nine operations they would fill every try; the generators mix in
  // boundaries and hostile values of their own
  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  @Label("any JSON on any JSON operation: a 4xx problem or a documented 2xx, never a 5xx")
  void neverFailsOnArbitraryJson(@ForAll("fuzzCases") FuzzCase fuzz) {
    Call call = baselines.of(fuzz.op());
    if (fuzz.body() != null) {
      call.rawBody(fuzz.body(), "application/json");
    } else {
      fuzz.mutations().forEach(m -> m.applyTo(call));
    }
    if (fuzz.op().service().equals("cart")) {
      // so that changing the line and checking out get past "nothing to act on"
      Api.expect(200, baselines.of(Contracts.operation("addItem")).token(call.token()).send(prost, Target.CART));
    }
    HttpResponse<Buffer> response = call.send(prost, fuzz.viaEntry() ? Target.ENTRY : fuzz.op().target());
    Statistics.label("operation").collect(fuzz.op().id());
    Statistics.label("status").collect(response.statusCode());
    Statistics.label("operation").coverage(coverage -> Contracts.withJsonBody()
        .forEach(op -> coverage.check(op.id()).count(n -> n > 0)));
    assertThat(Answers.violations(fuzz + " " + call.describe(), fuzz.op(), response)).isEmpty();
  }

  @Provide
  Arbitrary<FuzzCase> fuzzCases() {
    Arbitrary<Boolean> viaEntry = Arbitraries.of(false, false, true);
    // registration and login spend a memory-hard hash on most requests that pass validation:
    // tried a third as often as the others, so the pass stays quick on a small machine
    Arbitrary<ContractOperation> operations = Arbitraries.frequency(Contracts.withJsonBody().stream()
        .map(op -> Tuple.of(op.service().equals("users") ? 1 : 3, op)).toList());
    return operations.flatMap(op -> Arbitraries.frequencyOf(
            Tuple.of(6, mutations(op).map(m -> (Object) m)),
            Tuple.of(1, JsonArbitraries.object(op.bodyFields(), 2).map(b -> (Object) b)),
            Tuple.of(1, JsonArbitraries.value(2).map(b -> (Object) b)))
        .flatMap(shape -> viaEntry.map(entry -> shape instanceof String body
            ? new FuzzCase(op, List.of(), body, entry)
            : new FuzzCase(op, castMutations(shape), null, entry))));
  }

  /** One to three changes; most keep to the member's schema, so that many requests get past validation. */
  private static Arbitrary<List<Mutation>> mutations(ContractOperation op) {
    JsonObject properties = op.bodySchema().getJsonObject("properties", new JsonObject());
    Arbitrary<Mutation> ofContract = Arbitraries.of(op.bodyFields()).flatMap(name -> Arbitraries.frequencyOf(
            Tuple.of(5, JsonArbitraries.forSchema(properties.getJsonObject(name))),
            Tuple.of(2, JsonArbitraries.value(2)),
            Tuple.of(1, Arbitraries.just((String) null)))
        .map(json -> new Mutation(name, json)));
    Arbitrary<Mutation> madeUp = Combinators.combine(JsonArbitraries.strings().filter(name -> !name.isEmpty()),
        JsonArbitraries.value(2)).as(Mutation::new);
    return Arbitraries.frequencyOf(Tuple.of(6, ofContract), Tuple.of(1, madeUp)).list().ofMinSize(1).ofMaxSize(3);
  }

  @SuppressWarnings("unchecked")
  private static List<Mutation> castMutations(Object shape) {
    return (List<Mutation>) shape;
  }
}

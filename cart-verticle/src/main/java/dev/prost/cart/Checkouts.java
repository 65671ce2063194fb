package dev.prost.cart;

import dev.prost.cart.domain.CartStatus;
import dev.prost.cart.store.Carts;
import dev.prost.cart.store.CheckoutReads;
import dev.prost.cart.store.IdempotencyKeys;
import dev.prost.cart.store.Sagas;
import dev.prost.platform.db.Outbox;
import dev.prost.platform.events.CartCheckoutInitiated;
import dev.prost.platform.events.EventEnvelope;
import dev.prost.platform.events.PricedLine;
import dev.prost.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Starts checkouts and shows them. A checkout is one transaction: the caller's cart row is
 * locked first, so checkouts, edits and requests repeating one Idempotency-Key of one user
 * all run one after another, and each sees what the one before it committed.
 */
public final class Checkouts {

  /** An HTTP answer, kept as sent so a repeated request gets it byte for byte. */
  public record Answer(int status, String body) {}

  private final Pool pool;
  private final Outbox outbox;
  private final CheckoutWaits waits;
  private final AcceptedCheckouts accepted;
  private final Carts carts = new Carts();
  private final CheckoutReads reads = new CheckoutReads();
  private final Sagas sagas = new Sagas();
  private final IdempotencyKeys keys = new IdempotencyKeys();

  public Checkouts(Pool pool, Outbox outbox, CheckoutWaits waits, AcceptedCheckouts accepted) {
    this.pool = pool;
    this.outbox = outbox;
    this.waits = waits;
    this.accepted = accepted;
  }

  // a checkout's answer, with the order it started (null when the answer was replayed)
  private record Started(Answer answer, UUID orderId) {}

  /**
   * Checks the cart out; {@code key} (nullable) is the request's Idempotency-Key. Two round
   * trips inside the transaction: the cart's lock with the read of the cart, the key's answer
   * and the priced lines; then the cart's move with the saga row, the outbox row and the key's
   * answer, sent together (a failure of one aborts the transaction, and it is the one reported).
   */
  public Future<Answer> checkout(UUID userId, JsonObject body, String key) {
    String hash = sha256(body.encode());
    return pool.withTransaction(conn -> carts.locked(conn, userId, CheckoutReads.Checkable::cartId,
            client -> reads.read(client, userId, key))
        .compose(cart -> cart.stored().isPresent()
            ? Future.succeededFuture(new Started(replay(cart.stored().get(), hash), null))
            : start(conn, userId, cart, body.getString("payment_token"), key, hash)))
        .map(started -> committed(userId, started));
  }

  // after the commit: the held status requests of this process start from the INITIATED view
  private Answer committed(UUID userId, Started started) {
    if (started.orderId() != null) {
      accepted.accepted(started.orderId(), userId, Sagas.viewOf(started.orderId(), "INITIATED", null));
    }
    return started.answer();
  }

  /** The caller's checkout; another user's is 404 exactly like an unknown one. */
  public Future<JsonObject> view(UUID userId, UUID orderId) {
    return sagas.view(pool, orderId, userId).map(found -> found.orElseThrow(() ->
        ProblemException.notFound("no checkout " + orderId)));
  }

  /**
   * The caller's checkout, held up to {@code wait} while it is INITIATED: one request instead
   * of a client polling every few milliseconds, each poll a token check and a query.
   * {@code gone} completes when the client went away: the request stops waiting.
   */
  public Future<JsonObject> view(UUID userId, UUID orderId, Duration wait, Future<Void> gone) {
    if (wait.isZero()) {
      return view(userId, orderId);
    }
    // a checkout accepted here starts from the view committed here; another user's is never there
    Supplier<Future<JsonObject>> read = () -> view(userId, orderId);
    return waits.until(orderId, wait, () -> accepted.view(orderId, userId).map(Future::succeededFuture)
        .orElseGet(read), read, gone);
  }

  private static Answer replay(IdempotencyKeys.Stored stored, String hash) {
    if (!stored.requestHash().equals(hash)) {
      throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key",
          "this Idempotency-Key was used with another request body in the last 24 hours");
    }
    return new Answer(stored.status(), stored.body());
  }

  private Future<Started> start(SqlConnection conn, UUID userId, CheckoutReads.Checkable cart, String paymentToken,
      String key, String hash) {
    UUID orderId = UUID.randomUUID();
    CartCheckoutInitiated event = initiated(orderId, userId, cart, paymentToken);
    Answer answer = new Answer(202, new JsonObject()
        .put("order_id", orderId.toString())
        .put("status", "INITIATED")
        .put("status_url", "/api/cart/checkouts/" + orderId)
        .encode());
    // independent writes, sent without waiting for each other
    Future<Void> initiated = sagas.initiate(conn, orderId, cart.cartId(), userId);
    Future<Void> appended = outbox.append(conn, EventEnvelope.first(CartConfig.SERVICE, orderId, event));
    Future<Void> stored = key == null ? Future.succeededFuture()
        : keys.store(conn, userId, key, new IdempotencyKeys.Stored(hash, answer.status(), answer.body()));
    return initiated.compose(v -> appended).compose(v -> stored).map(new Started(answer, orderId));
  }

  /** The checkout's event, with the lines priced as the projection prices them now; or the 409/422 refusing it. */
  private static CartCheckoutInitiated initiated(UUID orderId, UUID userId, CheckoutReads.Checkable cart,
      String paymentToken) {
    if (cart.status() == CartStatus.CHECKING_OUT) {
      throw ProblemException.conflict("cart-checking-out", "the cart is already being checked out");
    }
    List<CheckoutReads.Stock> lines = cart.lines();
    if (lines.isEmpty()) {
      throw ProblemException.conflict("cart-empty", "the cart has no lines to check out");
    }
    List<PricedLine> priced = lines.stream().map(Checkouts::priced).toList();
    String currency = lines.get(0).currency();
    if (lines.stream().anyMatch(line -> !currency.equals(line.currency()))) {
      // the projection can change a product's currency after it was added
      throw ProblemException.unprocessable("currency-mismatch", "items",
          "the cart's products are priced in more than one currency");
    }
    long total = priced.stream().mapToLong(line -> line.unitPriceCents() * line.quantity()).sum();
    return new CartCheckoutInitiated(orderId, cart.cartId(), userId, priced, total, currency, paymentToken);
  }

  // the snapshot the orders service charges: the projection's price now, not when added
  private static PricedLine priced(CheckoutReads.Stock line) {
    if (line.active() == null) {
      throw ProblemException.unprocessable("unknown-product", "product_id", "no product " + line.productId());
    }
    if (!line.active()) {
      throw ProblemException.unprocessable("inactive-product", "product_id",
          "product " + line.productId() + " is no longer sold");
    }
    return new PricedLine(line.productId(), line.quantity(), line.unitPriceCents());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

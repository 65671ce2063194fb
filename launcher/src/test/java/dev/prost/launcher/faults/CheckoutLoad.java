package dev.prost.launcher.faults;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A steady stream of checkouts through HAProxy. Each customer, in a thread of its own,
 * waits for the pace-maker's permit, fills the cart if it is empty, checks out with an
 * Idempotency-Key (sent again, unchanged, while the answer does not come), and polls the
 * checkout until it ends; a failed checkout's cart is cleared for fresh lines. One checkout in
 * eleven uses a declined card and one in twenty-three a card whose payment never answers. Of
 * the confirmed orders, one in four is cancelled by its customer and one in four shipped by the
 * admin, whose customer then tries to cancel it too (a 409 is the only right answer).
 *
 * <p>Faults make requests fail (HAProxy's 503 while a service is down, a cut connection):
 * the customer simply tries again later, as a client would. Every failed answer is tallied by
 * status for the report.
 */
final class CheckoutLoad implements AutoCloseable {

  private static final Duration SUBMIT_PATIENCE = Duration.ofSeconds(90);
  private static final Duration OUTCOME_PATIENCE = Duration.ofMinutes(4);
  private static final Duration POLL = Duration.ofMillis(300);

  private final Api api;
  private final Shop shop;
  private final ExecutorService customers;
  private final ScheduledExecutorService pacemaker = Executors.newSingleThreadScheduledExecutor();
  private final Semaphore permits = new Semaphore(0);
  private final AtomicInteger checkouts = new AtomicInteger();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger confirmed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger unresolved = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();
  private final AtomicInteger shipped = new AtomicInteger();
  private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
  private final List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
  private final List<Timed> times = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;

  private CheckoutLoad(Api api, Shop shop) {
    this.api = api;
    this.shop = shop;
    this.customers = Executors.newFixedThreadPool(shop.customers.size());
  }

  /** Starts every customer; checkouts begin at {@code perSecond}, as far as customers are free. */
  static CheckoutLoad start(Api api, Shop shop, double perSecond) {
    CheckoutLoad load = new CheckoutLoad(api, shop);
    long period = Math.round(1_000_000 / perSecond);
    // at most two permits wait: after an outage the pace resumes instead of bursting
    load.pacemaker.scheduleAtFixedRate(() -> {
      if (load.permits.availablePermits() < 2) {
        load.permits.release();
      }
    }, 0, period, TimeUnit.MICROSECONDS);
    for (int i = 0; i < shop.customers.size(); i++) {
      Shop.Customer customer = shop.customers.get(i);
      Random random = new Random(i);
      load.customers.submit(() -> load.run(customer, random));
    }
    return load;
  }

  /**
   * How long one checkout took a customer, from the first submit to seeing its outcome.
   *
   * @param begun {@link System#nanoTime()} at the first submit
   */
  record Timed(long begun, Duration took) {}

  /**
   * The checkouts with a card that answers (not {@code tok_timeout}, which ends only by the payment
   * deadline) begun between {@code from} and {@code to} ({@link System#nanoTime()}), their times.
   */
  List<Duration> timesBegunBetween(long from, long to) {
    synchronized (times) {
      return times.stream().filter(t -> t.begun() >= from && t.begun() <= to).map(Timed::took).sorted().toList();
    }
  }

  /** Checkouts the cart accepted (202), by order id. */
  Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  int started() {
    return accepted.size();
  }

  /** Checkouts whose end a customer has seen. */
  int ended() {
    return confirmed.get() + failed.get();
  }

  int unresolved() {
    return unresolved.get();
  }

  /** Confirmed orders whose cancellation orders accepted. */
  int cancelled() {
    return cancelled.get();
  }

  /** Confirmed orders the admin shipped. */
  int shipped() {
    return shipped.get();
  }

  /** Checkouts whose order the orders service shows with another outcome than the cart did. */
  List<String> disagreements() {
    synchronized (disagreements) {
      return List.copyOf(disagreements);
    }
  }

  /** Failed answers by status (0: no answer at all). */
  Map<Integer, Long> refusals() {
    Map<Integer, Long> counts = new TreeMap<>();
    refusals.forEach((status, count) -> counts.put(status, count.sum()));
    return counts;
  }

  /** Starts no more checkouts and waits for the customers to see their current one end. */
  void stop() throws InterruptedException {
    stopping = true;
    pacemaker.shutdownNow();
    customers.shutdown();
    if (!customers.awaitTermination(OUTCOME_PATIENCE.toSeconds() + 120, TimeUnit.SECONDS)) {
      customers.shutdownNow();
    }
  }

  @Override
  public void close() {
    stopping = true;
    pacemaker.shutdownNow();
    customers.shutdownNow();
  }

  private void run(Shop.Customer customer, Random random) {
    try {
      while (!stopping) {
        if (permits.tryAcquire(200, TimeUnit.MILLISECONDS) && !stopping) {
          checkoutOnce(customer, random);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      System.err.println("customer " + customer.email() + " stopped: " + e);
    }
  }

  private void checkoutOnce(Shop.Customer customer, Random random) throws InterruptedException {
    Api.Reply cart = answered(api.get("/api/cart", customer.token()));
    // CHECKING_OUT: an outcome the customer gave up waiting for is still on its way
    if (!cart.is(200) || !"ACTIVE".equals(cart.json().getString("status"))) {
      return;
    }
    if (cart.json().getJsonArray("items").isEmpty() && !fill(customer, random)) {
      return;
    }
    String token = nextPaymentToken();
    long begun = System.nanoTime();
    String orderId = submit(customer, token);
    if (orderId == null) {
      return;
    }
    accepted.add(orderId);
    String outcome = awaitOutcome(customer, orderId);
    if (outcome != null && !"tok_timeout".equals(token)) {
      times.add(new Timed(begun, Duration.ofNanos(System.nanoTime() - begun)));
    }
    if (outcome != null) {
      compareWithOrder(customer, orderId, outcome);
    }
    if ("CONFIRMED".equals(outcome)) {
      afterConfirmation(customer, orderId, confirmed.incrementAndGet());
    } else if ("FAILED".equals(outcome)) {
      failed.incrementAndGet();
      // the cart was reopened with its lines; the next checkout picks new ones
      answered(api.call("DELETE", "/api/cart", customer.token(), null, Map.of()));
    } else {
      unresolved.incrementAndGet();
    }
  }

  /**
   * The order, as the orders service shows it, must agree with the cart: CONFIRMED, or for a failed
   * checkout FAILED or still COMPENSATING (the cart reopens on OrderFailed, which the saga sends
   * as it starts compensating, before catalog has answered).
   */
  private void compareWithOrder(Shop.Customer customer, String orderId, String outcome) {
    Api.Reply order = answered(api.get("/api/orders/" + orderId, customer.token()));
    String status = order.is(200) ? order.json().getString("status") : null;
    boolean agrees = outcome.equals(status) || ("FAILED".equals(outcome) && "COMPENSATING".equals(status));
    if (order.is(404) || (order.is(200) && !agrees)) {
      disagreements.add("order " + orderId + ": the cart says " + outcome + ", orders answers " + order.status()
          + " " + order.body());
    }
  }

  private void afterConfirmation(Shop.Customer customer, String orderId, int n) throws InterruptedException {
    String path = "/api/orders/" + orderId;
    if (n % 4 == 0) {
      if (settle("POST", path + "/cancel", customer.token(), null) == 202) {
        cancelled.incrementAndGet();
      }
    } else if (n % 4 == 1) {
      JsonObject parcel = new JsonObject().put("carrier", "DHL").put("tracking_number", "T-" + orderId);
      if (settle("POST", path + "/ship", shop.adminToken, parcel) == 200) {
        shipped.incrementAndGet();
        int cancel = settle("POST", path + "/cancel", customer.token(), null);
        if (cancel != 409) {
          disagreements.add("order " + orderId + ": SHIPPED, yet a cancel answered " + cancel);
        }
      }
    }
  }

  /** Sends a request (idempotent) again while no answer or a 5xx comes; the final status, 0 if none. */
  private int settle(String method, String path, String token, JsonObject body) throws InterruptedException {
    return resend(method, path, token, body, Map.of()).status();
  }

  /**
   * Sends the same request again, every half second, while no answer or a 5xx comes, for at most
   * {@link #SUBMIT_PATIENCE}; the last answer.
   */
  private Api.Reply resend(String method, String path, String token, JsonObject body, Map<String, String> headers)
      throws InterruptedException {
    long deadline = System.nanoTime() + SUBMIT_PATIENCE.toNanos();
    Api.Reply reply = new Api.Reply(0, "not sent");
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      reply = answered(api.call(method, path, token, body, headers));
      if (reply.status() != 0 && reply.status() < 500) {
        return reply;
      }
      Thread.sleep(500);
    }
    return reply;
  }

  /** One to three products, one or two units each; false if the cart could not take them now. */
  private boolean fill(Shop.Customer customer, Random random) {
    // browsing first, as a customer does: catalog's faults show to clients too
    answered(api.get("/api/products?size=20", null));
    List<UUID> products = new ArrayList<>(shop.products());
    Collections.shuffle(products, random);
    for (UUID product : products.subList(0, 1 + random.nextInt(3))) {
      Api.Reply added = answered(api.post("/api/cart/items", customer.token(),
          new JsonObject().put("product_id", product.toString()).put("quantity", 1 + random.nextInt(2))));
      if (!added.is(200)) {
        return false;
      }
    }
    return true;
  }

  /** Checks out, repeating the same request and key while no answer comes; the order id, or null. */
  private String submit(Shop.Customer customer, String paymentToken) throws InterruptedException {
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    JsonObject body = new JsonObject().put("payment_token", paymentToken);
    Api.Reply reply = resend("POST", "/api/cart/checkout", customer.token(), body, key);
    return reply.is(202) ? reply.json().getString("order_id") : null;
  }

  private String awaitOutcome(Shop.Customer customer, String orderId) throws InterruptedException {
    long deadline = System.nanoTime() + OUTCOME_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Api.Reply reply = answered(api.get("/api/cart/checkouts/" + orderId, customer.token()));
      if (reply.is(200)) {
        String status = reply.json().getString("status");
        if (!"INITIATED".equals(status)) {
          return status;
        }
      }
      Thread.sleep(POLL.toMillis());
    }
    return null;
  }

  private String nextPaymentToken() {
    int n = checkouts.incrementAndGet();
    return n % 11 == 0 ? "tok_decline" : n % 23 == 0 ? "tok_timeout" : "tok_visa";
  }

  private Api.Reply answered(Api.Reply reply) {
    if (reply.status() == 0 || reply.status() >= 400) {
      refusals.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
    }
    return reply;
  }
}

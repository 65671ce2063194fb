package dev.prost.launcher.faults;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of checkouts through HAProxy. Each customer, in a thread of its own,
 * waits for the pace-maker's permit, fills the cart if it is empty, checks out with an
 * Idempotency-Key (sent again, unchanged, while the answer does not come), and polls the
 * checkout until it ends; a failed checkout's cart is cleared for fresh lines. One checkout in
 * eleven uses a declined card and one in twenty-three a card whose payment never answers; one in
 * seven is cancelled by its customer the moment the cart accepts it. What happens to the orders
 * after that is {@link OrderLife}'s.
 *
 * <p>Faults make requests fail (HAProxy's 503 while a service is down, a cut connection):
 * the customer simply tries again later, as a client would. Every failed answer is tallied by
 * status for the report.
 */
final class CheckoutLoad implements AutoCloseable {

  private static final Duration OUTCOME_PATIENCE = Duration.ofMinutes(4);
  private static final Duration POLL = Duration.ofMillis(300);

  private final LoadClient api;
  private final Shop shop;
  private final OrderLife life;
  private final ExecutorService customers;
  private final ScheduledExecutorService pacemaker = Executors.newSingleThreadScheduledExecutor();
  private final Semaphore permits = new Semaphore(0);
  private final AtomicInteger checkouts = new AtomicInteger();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger confirmed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger unresolved = new AtomicInteger();
  private final List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
  private final List<Timed> times = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;

  private CheckoutLoad(Api api, Shop shop) {
    this.api = new LoadClient(api);
    this.shop = shop;
    this.life = new OrderLife(this.api, shop.adminToken, disagreements);
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
   * deadline) and not cancelled as they were accepted, begun between {@code from} and {@code to}
   * ({@link System#nanoTime()}), their times.
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

  /** What the customers and the admin did with the orders. */
  OrderLife life() {
    return life;
  }

  /** Checkouts whose order the orders service shows with another outcome than the cart did. */
  List<String> disagreements() {
    synchronized (disagreements) {
      return List.copyOf(disagreements);
    }
  }

  /** Failed answers by status (0: no answer at all). */
  Map<Integer, Long> refusals() {
    return api.refusals();
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
    Api.Reply cart = api.get("/api/cart", customer.token());
    // CHECKING_OUT: an outcome the customer gave up waiting for is still on its way
    if (!cart.is(200) || !"ACTIVE".equals(cart.json().getString("status"))) {
      return;
    }
    if (cart.json().getJsonArray("items").isEmpty() && !fill(customer, random)) {
      return;
    }
    int n = checkouts.incrementAndGet();
    String token = paymentToken(n);
    long begun = System.nanoTime();
    String orderId = submit(customer, token);
    if (orderId == null) {
      return;
    }
    accepted.add(orderId);
    boolean cancelTaken = n % 7 == 3 && life.cancelAtOnce(customer.token(), orderId);
    String outcome = awaitOutcome(customer, orderId);
    // a cancelled checkout ends sooner than its saga would have: not a checkout's time
    if (outcome != null && !"tok_timeout".equals(token) && !cancelTaken) {
      times.add(new Timed(begun, Duration.ofNanos(System.nanoTime() - begun)));
    }
    if (outcome != null) {
      compareWithOrder(customer, orderId, outcome, cancelTaken);
    }
    if ("CONFIRMED".equals(outcome)) {
      int confirmedNth = confirmed.incrementAndGet();
      if (!cancelTaken) {
        life.afterConfirmation(customer.token(), orderId, confirmedNth);
      }
    } else if ("FAILED".equals(outcome)) {
      failed.incrementAndGet();
      // the cart was reopened with its lines; the next checkout picks new ones
      api.call("DELETE", "/api/cart", customer.token(), null, Map.of());
    } else {
      unresolved.incrementAndGet();
    }
  }

  /** The order, as the orders service shows it, must agree with the cart ({@link OrderLife#agrees}). */
  private void compareWithOrder(Shop.Customer customer, String orderId, String outcome, boolean cancelTaken) {
    Api.Reply order = api.get("/api/orders/" + orderId, customer.token());
    String status = order.is(200) ? order.json().getString("status") : null;
    if (order.is(404) || (order.is(200) && !OrderLife.agrees(outcome, status, cancelTaken))) {
      disagreements.add("order " + orderId + ": the cart says " + outcome + (cancelTaken ? " (cancel taken)" : "")
          + ", orders answers " + order.status() + " " + order.body());
    }
  }

  /** One to three products, one or two units each; false if the cart could not take them now. */
  private boolean fill(Shop.Customer customer, Random random) {
    // browsing first, as a customer does: catalog's faults show to clients too
    api.get("/api/products?size=20", null);
    List<UUID> products = new ArrayList<>(shop.products());
    Collections.shuffle(products, random);
    for (UUID product : products.subList(0, 1 + random.nextInt(3))) {
      Api.Reply added = api.post("/api/cart/items", customer.token(),
          new JsonObject().put("product_id", product.toString()).put("quantity", 1 + random.nextInt(2)));
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
    Api.Reply reply = api.resend("POST", "/api/cart/checkout", customer.token(), body, key);
    return reply.is(202) ? reply.json().getString("order_id") : null;
  }

  private String awaitOutcome(Shop.Customer customer, String orderId) throws InterruptedException {
    long deadline = System.nanoTime() + OUTCOME_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Api.Reply reply = api.get("/api/cart/checkouts/" + orderId, customer.token());
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

  private static String paymentToken(int n) {
    return n % 11 == 0 ? "tok_decline" : n % 23 == 0 ? "tok_timeout" : "tok_visa";
  }

}

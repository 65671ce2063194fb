package dev.prost.load;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logged-in customers waiting for their next checkout. A virtual user takes one, checks out
 * and gives it back, so no two checkouts ever share a cart; a customer whose checkout went
 * wrong is not given back (its cart may still be frozen), and a run that finds the pool
 * empty counts it, which means the pool is too small for the rate. A customer turned away at
 * the door comes back with the cart as it was left ({@link Customer#cartKept}).
 */
final class Customers {

  /**
   * An e-mail address, the access token its login returned, and whether its cart still holds
   * the lines of a checkout refused with 503 (the next turn checks them out without adding).
   */
  record Customer(String email, String token, boolean cartKept) {
    Customer(String email, String token) {
      this(email, token, false);
    }
  }

  private final Queue<Customer> idle = new ConcurrentLinkedQueue<>();
  private final AtomicLong starved = new AtomicLong();

  void add(Customer customer) {
    idle.add(customer);
  }

  Optional<Customer> take() {
    Customer customer = idle.poll();
    if (customer == null) {
      starved.incrementAndGet();
    }
    return Optional.ofNullable(customer);
  }

  void giveBack(String email, String token, boolean cartKept) {
    idle.add(new Customer(email, token, cartKept));
  }

  long starved() {
    return starved.get();
  }

  int idle() {
    return idle.size();
  }
}

package dev.prost.load;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logged-in customers waiting for their next checkout. A virtual user takes one, checks out
 * and gives it back, so no two checkouts ever share a cart; a customer whose checkout went
 * wrong is not given back (its cart may still be frozen), and a run that finds the pool
 * empty counts it, which means the pool is too small for the rate.
 */
final class Customers {

  /** An e-mail address and the access token its login returned. */
  record Customer(String email, String token) {}

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

  void giveBack(String email, String token) {
    idle.add(new Customer(email, token));
  }

  long starved() {
    return starved.get();
  }

  int idle() {
    return idle.size();
  }
}

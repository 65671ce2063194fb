package dev.prost.platform.service;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The stop steps of a service, pushed as each part starts and run newest first: the stop
 * order is the start order reversed by construction, and a failed start undoes exactly the
 * parts that did start. Every step runs even when an earlier one failed.
 */
final class Teardown {

  private final Deque<Supplier<Future<?>>> steps = new ArrayDeque<>();

  /** Registers how to undo the part that just started. */
  void push(Supplier<Future<?>> step) {
    steps.push(step);
  }

  void pushClose(Runnable close) {
    steps.push(() -> {
      close.run();
      return Future.succeededFuture();
    });
  }

  /** Runs every step, newest first; once run, a second call does nothing. */
  Future<Void> run() {
    Future<Void> chain = Future.succeededFuture();
    while (!steps.isEmpty()) {
      Supplier<Future<?>> step = steps.pop();
      chain = chain.eventually(() -> safely(step));
    }
    return chain;
  }

  private static Future<?> safely(Supplier<Future<?>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}

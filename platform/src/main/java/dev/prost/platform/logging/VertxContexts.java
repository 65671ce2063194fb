package dev.prost.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The one class in Prost's main code that touches Vert.x internals, so an upgrade breaks in
 * one place. Two things have no public API in Vert.x 5.0:
 * <ul>
 *   <li>creating a duplicated context, and asking whether a context is one — kept on
 *       {@code ContextInternal} on purpose as "an advanced use case" (eclipse-vertx/vert.x#4277);
 *   <li>registering a {@link ContextLocal} early enough: the public {@code registerLocal} must
 *       run before the first Vert.x instance is built, and the only hook that guarantees it is
 *       a {@link VertxServiceProvider}, whose {@code init} takes the internal
 *       {@code VertxBootstrap} (see eclipse-vertx/vert.x#5505 on context-local storage).
 * </ul>
 * Also the tracer a Vert.x instance was built with (only {@code VertxInternal} answers it).
 * Vert.x loads this class through {@code META-INF/services} while it builds an instance, which
 * registers the locals below before any context exists.
 */
public final class VertxContexts implements VertxServiceProvider {

  /** The correlation id of the flow a duplicated context runs. */
  static final ContextLocal<String> CORRELATION_ID = ContextLocal.registerLocal(String.class);
  /** The service a duplicated context works for, where its deployment says otherwise (the embedded entry point). */
  private static final ContextLocal<String> SERVICE = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap bootstrap) {
    // nothing to configure: loading the class registered the locals
  }

  /** A fresh duplicate of {@code context}: same thread, its own locals. */
  public static Context duplicate(Context context) {
    return ((ContextInternal) context).duplicate();
  }

  /** The service {@code context} was marked as working for ({@link #markService}), or null. */
  public static String markedService(Context context) {
    return SERVICE.get(context);
  }

  /** Marks a duplicated context as working for {@code service}: its spans are that service's. */
  public static void markService(Context context, String service) {
    if (isDuplicate(context)) {
      SERVICE.put(context, service);
    }
  }

  /** The tracer {@code vertx} was built with, or null. */
  public static VertxTracer<?, ?> tracer(Vertx vertx) {
    return vertx instanceof VertxInternal internal ? internal.tracer() : null;
  }

  /** Whether {@code context} is a duplicate, whose locals belong to one flow only. */
  public static boolean isDuplicate(Context context) {
    return context instanceof ContextInternal internal && internal.isDuplicate();
  }
}

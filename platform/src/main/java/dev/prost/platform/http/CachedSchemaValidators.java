package dev.prost.platform.http;

import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract as the request validator sees it, with one change: its schema repository
 * hands out each schema's validator once and reuses it. vertx-json-schema 5.0.7 builds a
 * new validator — copying the repository's whole lookup table — for every parameter and
 * body of every request, which profiling showed to be most of the cost of a validated read.
 * Validators keep no per-call state. The contract's schema objects are fixed at start, so
 * the cache is keyed by identity and bounded in case a caller passes fresh schemas.
 */
final class CachedSchemaValidators {

  private static final int MAX_ENTRIES = 4096;

  private CachedSchemaValidators() {}

  static OpenAPIContract wrap(OpenAPIContract contract) {
    SchemaRepository repository = cachingRepository(contract.getSchemaRepository());
    return proxy(OpenAPIContract.class, contract, (method, args) ->
        method.getName().equals("getSchemaRepository") && (args == null || args.length == 0) ? repository : null);
  }

  private static SchemaRepository cachingRepository(SchemaRepository delegate) {
    Map<Key, Object> validators = new ConcurrentHashMap<>();
    return proxy(SchemaRepository.class, delegate, (method, args) -> {
      if (!method.getName().equals("validator")) {
        return null;
      }
      Key key = new Key(method, args);
      Object cached = validators.get(key);
      if (cached == null) {
        cached = invoke(method, delegate, args);
        if (validators.size() < MAX_ENTRIES) {
          validators.put(key, cached);
        }
      }
      return cached;
    });
  }

  /** An answer for the methods it intercepts, null for those it passes through. */
  private interface Interception {
    Object answer(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T delegate, Interception override) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object answer = override.answer(method, args);
      return answer != null ? answer : invoke(method, delegate, args);
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Method plus arguments compared by identity: schemas are fixed objects of the contract. */
  private record Key(Method method, Object[] args) {
    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key that) || !method.equals(that.method)) {
        return false;
      }
      Object[] a = args == null ? new Object[0] : args;
      Object[] b = that.args == null ? new Object[0] : that.args;
      if (a.length != b.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (a[i] != b[i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int hash = method.hashCode();
      for (Object arg : args == null ? new Object[0] : args) {
        hash = 31 * hash + System.identityHashCode(arg);
      }
      return hash;
    }

    @Override
    public String toString() {
      return method.getName() + Arrays.toString(args);
    }
  }
}

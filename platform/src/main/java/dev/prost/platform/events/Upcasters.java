package dev.prost.platform.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registered {@link Upcaster}s, keyed by event type and the version they upcast from. The
 * codec chains them, so a version 1 payload reaches version 3 through 1 → 2 and 2 → 3.
 */
public final class Upcasters {

  private record Key(String eventType, int fromVersion) {
  }

  private static final Upcasters STANDARD = none()
    // v2 added the supplier; products created before that have none.
    .with("ProductCreated", 1, payload -> payload.putNull("supplier_id"));

  private final Map<Key, Upcaster> upcasters;

  private Upcasters(Map<Key, Upcaster> upcasters) {
    this.upcasters = Map.copyOf(upcasters);
  }

  /** The upcasters for every older event version Prost has published. */
  public static Upcasters standard() {
    return STANDARD;
  }

  /** No upcasters: only current versions decode. */
  public static Upcasters none() {
    return new Upcasters(Map.of());
  }

  /** A copy with one more upcaster, from {@code fromVersion} of {@code eventType} to the next. */
  public Upcasters with(String eventType, int fromVersion, Upcaster upcaster) {
    Key key = new Key(eventType, fromVersion);
    if (upcasters.containsKey(key)) {
      throw new IllegalArgumentException("Upcaster already registered for " + key);
    }
    Map<Key, Upcaster> copy = new HashMap<>(upcasters);
    copy.put(key, upcaster);
    return new Upcasters(copy);
  }

  /** The upcaster from {@code fromVersion} of {@code eventType}, if one is registered. */
  public Optional<Upcaster> find(String eventType, int fromVersion) {
    return Optional.ofNullable(upcasters.get(new Key(eventType, fromVersion)));
  }
}

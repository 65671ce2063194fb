package dev.prost.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** The products a run browses and buys, filled by {@link LoadFixture} before the run starts. */
final class Catalogue {

  /** Words the seeded names are made of; browse searches for them. */
  static final List<String> WORDS = List.of("green", "black", "white", "oolong", "jasmine", "smoky", "mint",
      "ginger", "earl", "rooibos");

  private final List<String> ids = new CopyOnWriteArrayList<>();

  void set(List<String> productIds) {
    ids.clear();
    ids.addAll(productIds);
  }

  int size() {
    return ids.size();
  }

  String idAt(int index) {
    return ids.get(index);
  }

  String randomId() {
    return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
  }

  /** A page number within the seeded catalogue, 20 products a page. */
  int randomPage() {
    return 1 + ThreadLocalRandom.current().nextInt(Math.max(1, ids.size() / 20));
  }

  static String randomWord() {
    return WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size()));
  }

  /** One to three distinct products, one or two units each: the lines of one checkout. */
  List<Map<String, Object>> randomLines() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int count = 1 + random.nextInt(3);
    List<String> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      String id = randomId();
      if (!chosen.contains(id)) {
        chosen.add(id);
      }
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String id : chosen) {
      Map<String, Object> line = new HashMap<>();
      line.put("product_id", id);
      line.put("quantity", 1 + random.nextInt(2));
      lines.add(line);
    }
    return lines;
  }

  /** The name of seeded product {@code n}: two words and its number. */
  static String name(int n) {
    return WORDS.get(n % WORDS.size()) + " " + WORDS.get((n / WORDS.size()) % WORDS.size()) + " tea " + n;
  }
}

package dev.prost.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A contract's YAML text as the JSON document the schema libraries read. */
public final class ContractDocument {

  private ContractDocument() {}

  /**
   * Safe types only (no arbitrary classes); response codes written as numbers become text keys,
   * and a YAML timestamp (an example's date, say) stays the text a JSON contract would hold.
   */
  public static JsonObject fromYaml(String text) {
    return (JsonObject) json(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
  }

  private static Object json(Object yaml) {
    if (yaml instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((key, value) -> object.put(String.valueOf(key), json(value)));
      return object;
    }
    if (yaml instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(json(item)));
      return array;
    }
    return yaml instanceof Date date ? date.toInstant().toString() : yaml;
  }
}

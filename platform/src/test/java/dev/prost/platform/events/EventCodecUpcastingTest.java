package dev.prost.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventCodecUpcastingTest {

  // As the catalog service published it before suppliers existed.
  private static final String PRODUCT_CREATED_V1 = """
    {"event_id":"3f0a7c9e-1b2d-4e5f-8a6b-7c8d9e0f1a2b","event_type":"ProductCreated","version":1,
     "correlation_id":"4a1b8d0f-2c3e-4f60-9b7c-8d9e0f1a2b3c","causation_id":null,
     "timestamp":"2025-03-14T09:26:53.589Z","producer":"catalog",
     "payload":{"product_id":"5b2c9e1a-3d4f-4a71-8c8d-9e0f1a2b3c4d","sku":"IPA-033","name":"IPA",
       "description":"Hoppy","price_cents":390,"currency":"EUR",
       "category_id":"6c3d0f2b-4e5a-4b82-9d9e-0f1a2b3c4d5e","active":true,"product_version":1}}
    """;

  @Test
  @DisplayName("a stored v1 ProductCreated decodes as the current record with no supplier")
  void productCreatedV1() {
    EventEnvelope envelope = EventCodec.create().decode(PRODUCT_CREATED_V1);

    assertThat(envelope.event()).isEqualTo(new ProductCreated(
      UUID.fromString("5b2c9e1a-3d4f-4a71-8c8d-9e0f1a2b3c4d"), "IPA-033", "IPA", "Hoppy", 390,
      "EUR",
      UUID.fromString("6c3d0f2b-4e5a-4b82-9d9e-0f1a2b3c4d5e"), null, true, 1));
    assertThat(envelope.metadata().version()).isEqualTo(2);
    assertThat(envelope.metadata().eventId())
      .isEqualTo(UUID.fromString("3f0a7c9e-1b2d-4e5f-8a6b-7c8d9e0f1a2b"));
  }

  @Test
  @DisplayName("the codec chains upcasters from the stored version up to the current one")
  void chainsUpcasters() {
    // A pretend version 0 that called the name "title".
    Upcasters upcasters = Upcasters.standard().with("ProductCreated", 0, payload -> {
      payload.set("name", payload.remove("title"));
      return payload;
    });
    String v0 = PRODUCT_CREATED_V1.replace("\"version\":1", "\"version\":0")
      .replace("\"name\"", "\"title\"");

    ProductCreated product = EventCodec.create(upcasters).decode(v0).eventAs(ProductCreated.class);

    assertThat(product.name()).isEqualTo("IPA");
    assertThat(product.supplierId()).isNull();
  }

  @Test
  @DisplayName("registering a second upcaster for the same type and version is refused")
  void duplicateRegistration() {
    assertThatIllegalArgumentException()
      .isThrownBy(() -> Upcasters.standard().with("ProductCreated", 1, payload -> payload));
  }
}

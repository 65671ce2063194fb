package dev.prost.cart.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.prost.cart.domain.Cart;
import dev.prost.cart.domain.CartLine;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The cart as the API answers it, written field by field into the response's buffer: no
 * {@code JsonObject} tree to build and walk for every answer. The same bytes the tree gave
 * (Jackson's escaping on both sides, fields in the contract's order, a null currency written out).
 */
final class CartJson {

  // a character outside the BMP (an emoji) as its four UTF-8 bytes, as the tree's text encoded it,
  // not as the escaped surrogate pair Jackson's byte output writes by default
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private CartJson() {}

  static Buffer of(Cart cart) {
    Buffer buffer = Buffer.buffer(128 + 160 * cart.lines().size());
    try (JsonGenerator json = JSON.createGenerator(new BufferOutput(buffer))) {
      json.writeStartObject();
      json.writeStringField("id", cart.id().toString());
      json.writeStringField("status", cart.status().name());
      json.writeArrayFieldStart("items");
      for (CartLine line : cart.lines()) {
        json.writeStartObject();
        json.writeStringField("product_id", line.productId().toString());
        json.writeStringField("name", line.name());
        json.writeNumberField("quantity", line.quantity());
        json.writeNumberField("unit_price_cents", line.unitPriceCents());
        json.writeNumberField("line_total_cents", line.totalCents());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("total_cents", cart.totalCents());
      json.writeStringField("currency", cart.currency());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer;
  }

  // Jackson hands over its encoded bytes in chunks; they go straight into the buffer
  private static final class BufferOutput extends OutputStream {
    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      buffer.appendBytes(bytes, offset, length);
    }
  }
}

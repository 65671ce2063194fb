package dev.prost.platform.auth.impl;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/** Unpadded base64url as JOSE uses it (RFC 7515 §2), strict on input. */
public final class Base64Url {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes canonical unpadded base64url only. The JDK also takes padding and ignores the
   * unused low bits of the last character, so "...A" and "...B" would decode alike; a token
   * that verifies must have exactly one spelling (string-keyed caches and deny lists rely on it).
   *
   * @throws IllegalArgumentException on any other spelling
   */
  public static byte[] decode(String text) {
    if (text.indexOf('=') >= 0) {
      throw new IllegalArgumentException("padded base64url");
    }
    byte[] bytes = DECODER.decode(text);
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException("non-canonical base64url");
    }
    return bytes;
  }

  /** A JWK integer: unsigned big-endian bytes, no leading zero octet (RFC 7518 §6.3.1). */
  public static String encodeUnsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return encode(bytes);
  }

  public static BigInteger decodeUnsigned(String text) {
    return new BigInteger(1, decode(text));
  }
}

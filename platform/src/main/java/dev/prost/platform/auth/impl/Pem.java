package dev.prost.platform.auth.impl;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys in PEM, on the JDK alone. Reads PKCS#8 {@code PRIVATE KEY}, X.509
 * {@code PUBLIC KEY} and their PKCS#1 {@code RSA ...} forms (wrapped into the former, which
 * is a fixed DER prefix); writes PKCS#8 and X.509. Failures are IllegalArgumentExceptions
 * whose message is safe to show: it never contains key material.
 */
public final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
  private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private Pem() {}

  public static RSAPrivateKey privateKey(String pem) {
    Matcher block = block(pem);
    byte[] der = body(block);
    byte[] pkcs8 = switch (block.group(1)) {
      case "PRIVATE KEY" -> der;
      case "RSA PRIVATE KEY" -> der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, der(0x04, der)));
      case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("encrypted private keys are not supported");
      default -> throw new IllegalArgumentException("expected a PRIVATE KEY or RSA PRIVATE KEY block, found "
          + block.group(1));
    };
    try {
      RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      checkSize(key.getModulus().bitLength());
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a readable RSA private key");
    }
  }

  public static RSAPublicKey publicKey(String pem) {
    Matcher block = block(pem);
    byte[] der = body(block);
    byte[] spki = switch (block.group(1)) {
      case "PUBLIC KEY" -> der;
      case "RSA PUBLIC KEY" -> der(0x30, concat(RSA_ALGORITHM, der(0x03, concat(new byte[] {0}, der))));
      default -> throw new IllegalArgumentException("expected a PUBLIC KEY or RSA PUBLIC KEY block, found "
          + block.group(1));
    };
    try {
      RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
      checkSize(key.getModulus().bitLength());
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a readable RSA public key");
    }
  }

  /** Every public key block of {@code pem}, in order: at least one. */
  public static List<RSAPublicKey> publicKeys(String pem) {
    String text = pem == null ? "" : pem.replace("\\n", "\n");
    Matcher blocks = BLOCK.matcher(text);
    List<RSAPublicKey> keys = new ArrayList<>();
    while (blocks.find()) {
      keys.add(publicKey(blocks.group()));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no PEM block (-----BEGIN ...----- / -----END ...-----)");
    }
    return keys;
  }

  /** PKCS#8 for private keys, X.509 SubjectPublicKeyInfo for public ones. */
  public static String encode(Key key) {
    String label = key instanceof RSAPrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static Matcher block(String pem) {
    // env files often carry PEMs on one line with literal \n escapes
    Matcher m = BLOCK.matcher(pem == null ? "" : pem.replace("\\n", "\n"));
    if (!m.find()) {
      throw new IllegalArgumentException("no PEM block (-----BEGIN ...----- / -----END ...-----)");
    }
    return m;
  }

  private static byte[] body(Matcher block) {
    String body = block.group(2);
    if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
      throw new IllegalArgumentException("encrypted private keys are not supported");
    }
    try {
      return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM body is not valid base64");
    }
  }

  private static void checkSize(int bits) {
    if (bits < Jwk.MIN_RSA_BITS) {
      throw new IllegalArgumentException("RSA key of " + bits + " bits; at least " + Jwk.MIN_RSA_BITS + " required");
    }
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}

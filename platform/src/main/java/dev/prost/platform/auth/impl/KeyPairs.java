package dev.prost.platform.auth.impl;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/** Relations between the two halves of an RSA key pair. */
public final class KeyPairs {

  private KeyPairs() {}

  /**
   * The public half of a private key. Only CRT keys carry the public exponent; every key the
   * JDK generates or reads from PKCS#1 is one.
   */
  public static RSAPublicKey publicOf(RSAPrivateKey key) {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalArgumentException("the private key does not carry its public exponent; "
          + "configure the public key as well");
    }
    return Jwk.rsaPublicKey(crt.getModulus(), crt.getPublicExponent());
  }

  public static boolean matches(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
    if (!privateKey.getModulus().equals(publicKey.getModulus())) {
      return false;
    }
    return !(privateKey instanceof RSAPrivateCrtKey crt)
        || crt.getPublicExponent().equals(publicKey.getPublicExponent());
  }
}

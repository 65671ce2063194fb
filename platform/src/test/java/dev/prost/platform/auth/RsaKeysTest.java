package dev.prost.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prost.platform.auth.impl.Jwk;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RSA signing keys")
class RsaKeysTest {

  private static final RsaKeys KEYS = RsaKeys.generate();

  @Test
  @DisplayName("the kid is the RFC 7638 thumbprint (the RFC's own example key)")
  void thumbprint() {
    String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjB"
        + "ZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJ"
        + "ZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBni"
        + "Iqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    var key = Jwk.rsaPublicKey(new BigInteger(1, Base64.getUrlDecoder().decode(n)), BigInteger.valueOf(65537));
    assertThat(Jwk.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  @DisplayName("PKCS#8 and X.509 PEM round-trip to the same keys and kid; the public half can be derived")
  void pemRoundTrip() {
    RsaKeys read = RsaKeys.fromPem(KEYS.privateKeyPem(), KEYS.publicKeyPem());
    assertThat(read.privateKey()).isEqualTo(KEYS.privateKey());
    assertThat(read.publicKey()).isEqualTo(KEYS.publicKey());
    assertThat(read.kid()).isEqualTo(KEYS.kid());
    assertThat(KEYS.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(KEYS.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(RsaKeys.fromPem(KEYS.privateKeyPem(), null).kid()).isEqualTo(KEYS.kid());
  }

  @Test
  @DisplayName("PKCS#1 'RSA PRIVATE KEY' and 'RSA PUBLIC KEY' PEMs are read too")
  void pkcs1() {
    byte[] pkcs8 = KEYS.privateKey().getEncoded();
    byte[] spki = KEYS.publicKey().getEncoded();
    // a 2048-bit key's wrappers have fixed-size headers: 26 bytes of PKCS#8, 24 of X.509
    assertThat(pkcs8[22]).isEqualTo((byte) 0x04);
    assertThat(spki[19]).isEqualTo((byte) 0x03);
    String privatePem = pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    String publicPem = pem("RSA PUBLIC KEY", Arrays.copyOfRange(spki, 24, spki.length));
    RsaKeys read = RsaKeys.fromPem(privatePem, publicPem);
    assertThat(read.kid()).isEqualTo(KEYS.kid());
    assertThat(read.privateKey().getPrivateExponent()).isEqualTo(KEYS.privateKey().getPrivateExponent());
  }

  @Test
  @DisplayName("encrypted, non-RSA, too small, swapped or garbled PEMs are refused with a clear reason")
  void refused() throws Exception {
    assertThatThrownBy(() -> RsaKeys.fromPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED "
        + "PRIVATE KEY-----", null)).hasMessageContaining("encrypted private keys are not supported");
    assertThatThrownBy(() -> RsaKeys.fromPem("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----", null)).hasMessageContaining("encrypted");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    assertThatThrownBy(() -> RsaKeys.fromPem(pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()), null))
        .hasMessage("not a readable RSA private key");
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    assertThatThrownBy(() -> RsaKeys.fromPem(pem("PRIVATE KEY", small.generateKeyPair().getPrivate().getEncoded()),
        null)).hasMessageContaining("1024 bits; at least 2048 required");
    assertThatThrownBy(() -> RsaKeys.fromPem(KEYS.publicKeyPem(), null))
        .hasMessageContaining("expected a PRIVATE KEY or RSA PRIVATE KEY block, found PUBLIC KEY");
    assertThatThrownBy(() -> RsaKeys.fromPem("not a key", null)).hasMessageContaining("no PEM block");
    assertThatThrownBy(() -> RsaKeys.fromPem("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----", null))
        .hasMessage("PEM body is not valid base64");
    assertThatThrownBy(() -> RsaKeys.fromPem(KEYS.privateKeyPem(), RsaKeys.generate().publicKeyPem()))
        .hasMessage("the public key does not belong to the private key");
  }

  @Test
  @DisplayName("the dev pair is generated once, owner-only, and reused on the next start")
  void devPairGeneratedOnce(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    RsaKeys first = RsaKeys.loadOrGenerate(dataDir);
    Path privateFile = dataDir.resolve("jwt-private.pem");
    Path publicFile = dataDir.resolve("jwt-public.pem");
    assertThat(privateFile).exists();
    assertThat(publicFile).exists();
    if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(publicFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    }
    String stored = Files.readString(privateFile);

    RsaKeys second = RsaKeys.loadOrGenerate(dataDir);
    assertThat(second.kid()).isEqualTo(first.kid());
    assertThat(Files.readString(privateFile)).isEqualTo(stored);
    assertThat(RsaKeys.fromPem(stored, Files.readString(publicFile)).kid()).isEqualTo(first.kid());
    assertThat(Files.list(dataDir)).hasSize(2);

    Files.delete(publicFile);
    assertThat(RsaKeys.loadOrGenerate(dataDir).kid()).isEqualTo(first.kid());
    assertThat(RsaKeys.fromPem(stored, Files.readString(publicFile)).kid()).isEqualTo(first.kid());
  }

  @Test
  @DisplayName("verticle instances starting at once all end up with the same dev pair")
  void devPairConcurrentStart(@TempDir Path tmp) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Callable<String> load = () -> RsaKeys.loadOrGenerate(tmp).kid();
      List<Future<String>> kids = pool.invokeAll(java.util.Collections.nCopies(8, load));
      String expected = kids.get(0).get();
      for (Future<String> kid : kids) {
        assertThat(kid.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("toString never shows key material")
  void toStringIsSafe() {
    assertThat(KEYS.toString()).isEqualTo("RsaKeys[kid=" + KEYS.kid() + "]");
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
        + "-----\n";
  }
}

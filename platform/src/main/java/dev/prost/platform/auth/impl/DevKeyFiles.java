package dev.prost.platform.auth.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * The development key pair under the data directory: {@code jwt-private.pem} (the source of
 * truth) and {@code jwt-public.pem} (derived from it, for people and tools; rewritten if
 * missing). Blocking: callers run it through {@code executeBlocking}.
 */
public final class DevKeyFiles {

  public static final String PRIVATE_FILE = "jwt-private.pem";
  public static final String PUBLIC_FILE = "jwt-public.pem";

  // several verticle instances of one process may start at once; only one may generate
  private static final Object LOCK = new Object();

  private final Path dir;

  public DevKeyFiles(Path dir) {
    this.dir = dir;
  }

  /** The stored private key PEM, generating and storing a new pair first if there is none. */
  public String loadOrGenerate() {
    synchronized (LOCK) {
      try {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        if (!Files.exists(privateFile)) {
          store(generate());
        }
        String privatePem = Files.readString(privateFile, StandardCharsets.US_ASCII);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        if (!Files.exists(publicFile)) {
          String publicPem = Pem.encode(KeyPairs.publicOf(Pem.privateKey(privatePem)));
          writeNew(publicFile, publicPem);
        }
        return privatePem;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read or write the JWT dev keys under " + dir, e);
      }
    }
  }

  private void store(KeyPair pair) throws IOException {
    Files.createDirectories(dir, ownerOnly(dir, true));
    // only the private file: the public one is always derived from whichever private file
    // won a race with another process, so the two can never disagree
    writeNew(dir.resolve(PRIVATE_FILE), Pem.encode(pair.getPrivate()));
  }

  /**
   * Writes to a temporary file (owner-only from creation, never readable by others, not
   * even briefly) and moves it into place without replacing: a pair generated concurrently
   * by another process wins, and ours is dropped.
   */
  private void writeNew(Path target, String content) throws IOException {
    FileAttribute<?>[] ownerOnly = ownerOnly(dir, false);
    Path tmp = Files.createTempFile(dir, ".jwt-", ".tmp", ownerOnly);
    try {
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      if (ownerOnly.length == 0) {
        restrictBestEffort(tmp);
      }
      Files.move(tmp, target);
    } catch (FileAlreadyExistsException raced) {
      // the other writer's file is as good as ours
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Owner-only permissions to create a file or directory with, or none off POSIX. */
  private static FileAttribute<?>[] ownerOnly(Path dir, boolean directory) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"))};
  }

  private static void restrictBestEffort(Path file) {
    var f = file.toFile();
    // on non-POSIX filesystems (Windows) this is all the JDK offers without ACL plumbing
    f.setReadable(false, false);
    f.setReadable(true, true);
    f.setWritable(false, false);
    f.setWritable(true, true);
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is missing from this JDK", e);
    }
  }
}

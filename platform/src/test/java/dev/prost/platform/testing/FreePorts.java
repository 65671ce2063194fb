package dev.prost.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports for the servers a test starts. The kernel may hand a just-released port out
 * again, so two servers asking one after the other can get the same one; Vert.x then shares
 * the listening socket between them and answers half the requests with the other server's
 * routes. A port is therefore never handed out twice in one test JVM.
 */
public final class FreePorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** A port nothing listened on a moment ago and no earlier call of this JVM answered. */
  public static synchronized int next() {
    while (true) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }
}

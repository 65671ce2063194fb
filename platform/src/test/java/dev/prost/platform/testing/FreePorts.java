package dev.prost.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Free TCP ports for the servers a test starts. The kernel may hand a just-released port out
 * again, so two servers asking one after the other can get the same one; Vert.x then shares
 * the listening socket between them and answers half the requests with the other server's
 * routes. A port is therefore never handed out twice in one test JVM, nor to two test JVMs
 * that run at once (the suite runs modules and test classes side by side): each port handed
 * out is claimed by a lock on a file named after it in the temporary folder's
 * {@code prost-test-ports}, held until the JVM exits (the operating system drops the lock of a
 * killed one). A port stays claimed while its server is down, so a node or a Redis restarted on
 * its port finds it free. Never a port of the range rabbitmqctl itself listens on while it runs.
 */
public final class FreePorts {

  // RABBITMQ_CTL_DIST_PORT_MIN and _MAX by default
  private static final int CLI_PORTS_FROM = 35672;
  private static final int CLI_PORTS_TO = 35682;
  private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "prost-test-ports");

  private static final Set<Integer> HANDED_OUT = new HashSet<>();
  // the open channels hold the locks: never closed, never collected
  private static final List<FileChannel> HELD = new ArrayList<>();

  private FreePorts() {}

  /** A port nothing listened on a moment ago and no earlier call of this JVM or of another running one answered. */
  public static synchronized int next() {
    while (true) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean cliRange = port >= CLI_PORTS_FROM && port <= CLI_PORTS_TO;
      if (!cliRange && HANDED_OUT.add(port) && claim(port)) {
        return port;
      }
    }
  }

  /** Locks the port's file for this JVM's lifetime; false when another running JVM holds it. */
  private static boolean claim(int port) {
    try {
      Files.createDirectories(CLAIMS);
      FileChannel channel = FileChannel.open(CLAIMS.resolve(Integer.toString(port)),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return false;
      }
      HELD.add(channel);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not claim port " + port, e);
    }
  }
}

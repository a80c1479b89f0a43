package dev.confidant.server.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Notices when the listening socket is gone while the process lives on (Helidon closes it for good when
 * {@code accept} fails, e.g. on "Too many open files"), so that the process can exit and a supervisor restart it.
 *
 * <p>Connects to the server's own port every period: a refused connection means nobody listens any more. A
 * connection that is accepted or times out (a full backlog under a flood) means the listener is alive. Two refusals
 * in a row are needed, so a single odd answer never kills a healthy server. Thread-safe.
 */
public final class ListenerWatchdog implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ListenerWatchdog.class.getName());
  private static final int CONNECT_TIMEOUT_MILLIS = 1000;

  private final Thread thread;
  private volatile boolean closed;

  /**
   * Starts watching.
   *
   * @param host the host the server is bound to ({@code 0.0.0.0} and {@code ::} are probed on loopback)
   * @param port the bound port
   * @param period time between probes
   * @param onDeath run once, on the watchdog's thread, when the listener is found dead
   */
  public ListenerWatchdog(String host, int port, Duration period, Runnable onDeath) {
    this.thread = Thread.ofPlatform().daemon().name("confidant-listener-watchdog")
        .start(() -> watch(host, port, period.toMillis(), onDeath));
  }

  private void watch(String host, int port, long periodMillis, Runnable onDeath) {
    int refusals = 0;
    while (!closed) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      refusals = refused(host, port) ? refusals + 1 : 0;
      if (refusals >= 2 && !closed) {
        LOG.log(System.Logger.Level.ERROR, "the server no longer listens on port " + port
            + "; stopping so that a supervisor can restart it");
        onDeath.run();
        return;
      }
    }
  }

  private static boolean refused(String host, int port) {
    try (Socket socket = new Socket()) {
      InetAddress address = InetAddress.getByName(host);
      if (address.isAnyLocalAddress()) {
        address = InetAddress.getLoopbackAddress();
      }
      socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
      return false;
    } catch (ConnectException e) {
      return true; // connection refused: no listener
    } catch (IOException e) {
      return false; // a timeout (full backlog) or no descriptor for the probe: not a proof of death
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}

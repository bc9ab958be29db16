package io.clusterfactory.cfctl.k0s.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves a command's three streams at once, each on its own thread, so a command that writes a lot
 * while its input is still being sent cannot block on a full pipe.
 */
final class StreamPump {
  private final Thread feeder;
  private final Thread outReader;
  private final Thread errReader;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<IOException> feedFailure = new AtomicReference<>();

  StreamPump(
      String label,
      InputStream stdin,
      OutputStream toCommand,
      InputStream fromOut,
      InputStream fromErr) {
    feeder =
        new Thread(
            () -> {
              try (OutputStream target = toCommand) {
                stdin.transferTo(target);
                // sshj can send EOF ahead of a last partial packet that waits for window space;
                // an explicit flush first makes sure every byte is out before EOF
                target.flush();
              } catch (IOException e) {
                feedFailure.set(e);
              }
            },
            label + "-stdin");
    outReader = new Thread(() -> drain(fromOut, out), label + "-stdout");
    errReader = new Thread(() -> drain(fromErr, err), label + "-stderr");
    for (Thread thread : new Thread[] {feeder, outReader, errReader}) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static void drain(InputStream from, ByteArrayOutputStream into) {
    byte[] buffer = new byte[8192];
    try (from) {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        synchronized (into) {
          into.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the command ended or was killed; what was read so far is kept
    }
  }

  /** Waits (bounded) for the output readers after the command has ended. */
  void finish(long millis) throws InterruptedException {
    outReader.join(millis);
    errReader.join(millis);
    feeder.join(millis);
  }

  /** Stops feeding stdin (the command is being abandoned). */
  void abandon() {
    feeder.interrupt();
  }

  /**
   * The failure that stopped stdin from being fed completely, if any. A command that exits before
   * reading all of its input also ends the feed (broken pipe); callers check sizes separately.
   */
  IOException feedFailure() {
    return feedFailure.get();
  }

  String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }
}

package io.clusterfactory.cfctl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unix-domain sibling of {@link MisbehavingServer}: a server on a socket file (as Grendel's API
 * listens) that misbehaves on purpose. There is no RST on a unix socket, so "reset" closes the
 * connection in the middle of an answer. Every thread is a daemon, every loop is bounded, and
 * {@link #close()} closes every channel and deletes the socket file.
 */
public final class UnixMisbehavingServer implements AutoCloseable {

  /** What is done with each accepted connection, after reading the client's request. */
  public enum Behaviour {
    /** 4 KiB of bytes that are no protocol at all, then silence. */
    GARBAGE,
    /** The first bytes of {@code answer}, then the connection is closed mid-answer. */
    CLOSE_MID_ANSWER,
    /** {@code answer} one byte a second. */
    TRICKLE,
    /** The first N bytes of {@code answer} at once, then silence with the connection open. */
    STALL_AFTER
  }

  private static final int MAX_CONNECTIONS = 64;
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
  private static final int MAX_TRICKLED_BYTES = 600;

  private final Path path;
  private final Behaviour behaviour;
  private final byte[] answer;
  private final int bytes;
  private final ServerSocketChannel listener;
  private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  private UnixMisbehavingServer(Path path, Behaviour behaviour, String answer, int bytes) {
    this.path = path;
    this.behaviour = behaviour;
    this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
    this.bytes = bytes;
    try {
      listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      listener.bind(UnixDomainSocketAddress.of(path), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + path, e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "misbehaving-unix-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** (2) Answers with garbage, then says nothing more. */
  public static UnixMisbehavingServer garbage(Path path) {
    return new UnixMisbehavingServer(path, Behaviour.GARBAGE, "", 0);
  }

  /** (3) Sends the first {@code bytes} bytes of {@code answer}, then closes mid-answer. */
  public static UnixMisbehavingServer closingMidAnswer(Path path, String answer, int bytes) {
    return new UnixMisbehavingServer(path, Behaviour.CLOSE_MID_ANSWER, answer, bytes);
  }

  /** (4) Sends {@code answer} one byte a second (at most {@value #MAX_TRICKLED_BYTES} bytes). */
  public static UnixMisbehavingServer trickling(Path path, String answer) {
    return new UnixMisbehavingServer(path, Behaviour.TRICKLE, answer, 0);
  }

  /** (5) Sends the first {@code bytes} bytes of {@code answer}, then stalls, connection open. */
  public static UnixMisbehavingServer stallingAfter(Path path, String answer, int bytes) {
    return new UnixMisbehavingServer(path, Behaviour.STALL_AFTER, answer, bytes);
  }

  /** The socket file it listens on. */
  public Path path() {
    return path;
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  @Override
  public void close() {
    closed.countDown();
    closeQuietly(listener);
    for (SocketChannel channel : channels) {
      closeQuietly(channel);
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temp dir: JUnit removes it
    }
  }

  private void acceptLoop() {
    while (closed.getCount() > 0 && accepted.get() < MAX_CONNECTIONS) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      channels.add(channel);
      Thread handler = new Thread(() -> handle(channel), "misbehaving-unix-" + behaviour);
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(SocketChannel channel) {
    boolean holdOpen = true;
    try {
      // the client writes its whole request at once: one read is enough to know it asked
      channel.read(ByteBuffer.allocate(64 * 1024));
      switch (behaviour) {
        case GARBAGE -> write(channel, garbageBytes(4096));
        case CLOSE_MID_ANSWER -> {
          write(channel, prefix());
          holdOpen = false;
        }
        case TRICKLE -> {
          byte[] text = answer.length > 0 ? answer : garbageBytes(MAX_TRICKLED_BYTES);
          for (int i = 0; i < Math.min(text.length, MAX_TRICKLED_BYTES); i++) {
            write(channel, new byte[] {text[i]});
            if (sleepOrClosed(Duration.ofSeconds(1))) {
              return;
            }
          }
        }
        case STALL_AFTER -> write(channel, prefix());
      }
    } catch (IOException e) {
      // the client went away or close() ran
    } finally {
      if (holdOpen) {
        sleepOrClosed(MAX_LIFETIME);
      }
      closeQuietly(channel);
    }
  }

  private byte[] prefix() {
    byte[] prefix = new byte[Math.min(bytes, answer.length)];
    System.arraycopy(answer, 0, prefix, 0, prefix.length);
    return prefix;
  }

  private static void write(SocketChannel channel, byte[] data) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private boolean sleepOrClosed(Duration duration) {
    try {
      return closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private static byte[] garbageBytes(int size) {
    byte[] data = new byte[size];
    new Random(42).nextBytes(data);
    return data;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing: nothing to do
    }
  }
}

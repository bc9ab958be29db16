package io.clusterfactory.cfctl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server that misbehaves on purpose, to prove that a client gives up within its deadline.
 * Test code, shared by every module through cfctl-grendel's test-jar (grendel is the bottom
 * module).
 *
 * <p>It listens on 127.0.0.1 on an ephemeral port (or on an address given, e.g. a lab host's bridge
 * address) and treats every connection it accepts the same way ({@link Behaviour}). Every thread is
 * a daemon, every loop is bounded in count and time, and {@link #close()} closes the listening
 * socket and every accepted one: call it in {@code @AfterEach} (or try-with-resources).
 */
public final class MisbehavingServer implements AutoCloseable {

  /** What is done with each accepted connection. */
  public enum Behaviour {
    /** Accept and never send a byte (reads and discards what the client sends). */
    SILENT,
    /** Send a block of bytes that is no protocol at all, then stay silent. */
    GARBAGE,
    /** Send the prefix (if any), read what the client sends first, then reset (RST). */
    RESET,
    /** Send the prefix (or garbage when none) one byte a second. */
    TRICKLE,
    /** Pass bytes through to an upstream both ways, then stop forwarding after N bytes. */
    STALLING_PROXY
  }

  /** Upper bound on connections accepted, so the accept loop is bounded. */
  private static final int MAX_CONNECTIONS = 64;

  /** No connection is held longer than this, whatever the test does. */
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  private static final int MAX_TRICKLED_BYTES = 600;

  private final Behaviour behaviour;
  private final byte[] head;
  private final byte[] prefix;
  private final InetSocketAddress upstream;
  private final long passBytes;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong passed = new AtomicLong();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean stalled;

  private MisbehavingServer(
      Behaviour behaviour,
      byte[] head,
      byte[] prefix,
      InetSocketAddress upstream,
      long passBytes,
      InetAddress bindAddress) {
    this.behaviour = behaviour;
    this.head = head;
    this.prefix = prefix;
    this.upstream = upstream;
    this.passBytes = passBytes;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(bindAddress, 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bindAddress.getHostAddress(), e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "misbehaving-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** (1) Accepts and stays silent. */
  public static MisbehavingServer silent() {
    return new MisbehavingServer(Behaviour.SILENT, new byte[0], new byte[0], null, 0, loopback());
  }

  /** (2) Answers with 4 KiB of bytes that no protocol accepts, then says nothing more. */
  public static MisbehavingServer garbage() {
    return new MisbehavingServer(Behaviour.GARBAGE, new byte[0], new byte[0], null, 0, loopback());
  }

  /** (3) Sends {@code prefix}, reads the client's first bytes, then resets the connection. */
  public static MisbehavingServer resetting(String prefix) {
    return new MisbehavingServer(Behaviour.RESET, new byte[0], bytes(prefix), null, 0, loopback());
  }

  /**
   * (4) Sends {@code text} one byte a second (bounded: at most {@value #MAX_TRICKLED_BYTES} bytes),
   * so a per-read timeout never fires while nothing useful arrives.
   */
  public static MisbehavingServer trickling(String text) {
    return tricklingAfter("", text);
  }

  /**
   * (4) Sends {@code head} at once (e.g. HTTP response headers), then {@code text} one byte a
   * second: a client whose timeout covers only the start of an answer waits forever.
   */
  public static MisbehavingServer tricklingAfter(String head, String text) {
    return new MisbehavingServer(Behaviour.TRICKLE, bytes(head), bytes(text), null, 0, loopback());
  }

  /**
   * (5) A proxy to {@code upstream} that passes {@code bytes} bytes (both directions counted
   * together) and then stops forwarding anything, leaving both connections open: the peer seems to
   * hang mid-transfer.
   */
  public static MisbehavingServer stallingProxy(InetSocketAddress upstream, long bytes) {
    return new MisbehavingServer(
        Behaviour.STALLING_PROXY, new byte[0], new byte[0], upstream, bytes, loopback());
  }

  /** Like the factories above, listening on {@code bindAddress} (a lab host address). */
  public static MisbehavingServer on(
      InetAddress bindAddress,
      Behaviour behaviour,
      String prefix,
      InetSocketAddress upstream,
      long passBytes) {
    return new MisbehavingServer(
        behaviour,
        new byte[0],
        bytes(prefix == null ? "" : prefix),
        upstream,
        passBytes,
        bindAddress);
  }

  /** The port it listens on. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The address it listens on, e.g. {@code 127.0.0.1}. */
  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  /** {@code host:port}, as error messages name a peer. */
  public String hostPort() {
    return host() + ":" + port();
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Bytes a proxy has forwarded so far (both directions). */
  public long passed() {
    return passed.get();
  }

  /** A proxy stops forwarding from now on, whatever it has passed. */
  public void stallNow() {
    stalled = true;
  }

  /** Whether a proxy has stopped forwarding. */
  public boolean isStalled() {
    return stalled;
  }

  @Override
  public void close() {
    closed.countDown();
    closeQuietly(listener);
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop() {
    while (closed.getCount() > 0 && accepted.get() < MAX_CONNECTIONS) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      sockets.add(socket);
      Thread handler = new Thread(() -> handle(socket), "misbehaving-" + behaviour + "-" + port());
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(Socket socket) {
    try {
      switch (behaviour) {
        case SILENT -> discardUntilClosed(socket);
        case GARBAGE -> {
          socket.getOutputStream().write(garbageBytes(4096));
          socket.getOutputStream().flush();
          discardUntilClosed(socket);
        }
        case RESET -> reset(socket);
        case TRICKLE -> trickle(socket);
        case STALLING_PROXY -> proxy(socket);
      }
    } catch (IOException e) {
      // the client went away or close() ran: nothing to report
    } finally {
      if (behaviour != Behaviour.RESET) {
        awaitClose();
      }
      closeQuietly(socket);
    }
  }

  /** Reads and drops what the client sends, until it closes or the server is closed. */
  private void discardUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout(1000);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    long end = System.nanoTime() + MAX_LIFETIME.toNanos();
    while (closed.getCount() > 0 && System.nanoTime() < end) {
      try {
        if (in.read(buffer) < 0) {
          return;
        }
      } catch (java.net.SocketTimeoutException e) {
        // keep holding the connection
      }
    }
  }

  private void reset(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(prefix);
    out.flush();
    socket.setSoTimeout(2000);
    try {
      socket.getInputStream().read(new byte[1024]);
    } catch (java.net.SocketTimeoutException e) {
      // the client sent nothing: reset all the same
    }
    socket.setSoLinger(true, 0);
    socket.close();
  }

  private void trickle(Socket socket) throws IOException {
    byte[] text = prefix.length > 0 ? prefix : garbageBytes(MAX_TRICKLED_BYTES);
    OutputStream out = socket.getOutputStream();
    out.write(head);
    out.flush();
    for (int i = 0; i < MAX_TRICKLED_BYTES && closed.getCount() > 0; i++) {
      out.write(text[i % text.length]);
      out.flush();
      if (sleepOrClosed(Duration.ofSeconds(1))) {
        return;
      }
    }
  }

  private void proxy(Socket client) throws IOException {
    Socket server = new Socket();
    sockets.add(server);
    server.connect(upstream, 5000);
    Thread back = new Thread(() -> pump(server, client), "misbehaving-proxy-back-" + port());
    back.setDaemon(true);
    back.start();
    pump(client, server);
  }

  /** Copies {@code from} to {@code to} until EOF, the byte budget is spent, or close(). */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    long end = System.nanoTime() + MAX_LIFETIME.toNanos();
    try {
      from.setSoTimeout(500);
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (closed.getCount() > 0 && System.nanoTime() < end) {
        if (stalled) {
          // stop reading: the sender's window and socket buffers fill, and it blocks
          if (sleepOrClosed(Duration.ofMillis(200))) {
            return;
          }
          continue;
        }
        int n;
        try {
          long budget = passBytes - passed.get();
          if (budget <= 0) {
            stalled = true;
            continue;
          }
          n = in.read(buffer, 0, (int) Math.min(buffer.length, budget));
        } catch (java.net.SocketTimeoutException e) {
          continue;
        }
        if (n < 0) {
          to.shutdownOutput();
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
        passed.addAndGet(n);
      }
    } catch (IOException e) {
      // one side went away
    }
  }

  /** Sleeps; true when the server was closed meanwhile. */
  private boolean sleepOrClosed(Duration duration) {
    try {
      return closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void awaitClose() {
    sleepOrClosed(MAX_LIFETIME);
  }

  private static byte[] garbageBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing: nothing to do
    }
  }
}

package io.clusterfactory.cfctl.grendel.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Minimal HTTP/1.1 client over a unix domain socket: one request per connection ({@code Connection:
 * close}), Content-Length or chunked answers. A watchdog closes the channel when the request
 * timeout passes, which unblocks the read.
 */
final class UnixSocketTransport implements Transport {
  private final Path socket;
  private final ClientOptions options;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "grendel-socket-timeout");
            thread.setDaemon(true);
            return thread;
          });

  UnixSocketTransport(Path socket, ClientOptions options) {
    this.socket = socket;
    this.options = options;
  }

  @Override
  public Response send(Request request) throws IOException {
    byte[] body =
        request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\nConnection: close\r\nAccept: application/json\r\n");
    if (request.authorization() != null) {
      head.append("Authorization: ").append(request.authorization()).append("\r\n");
    }
    if (request.body() != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    AtomicBoolean timedOut = new AtomicBoolean();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ScheduledFuture<?> timeout =
          watchdog.schedule(
              () -> {
                // set before closing: the reader wakes up as soon as the channel closes
                timedOut.set(true);
                closeQuietly(channel);
              },
              options.requestTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        writeFully(channel, head.toString().getBytes(StandardCharsets.US_ASCII));
        writeFully(channel, body);
        readAll(channel, received);
        return parse(received.toByteArray());
      } catch (ClosedChannelException e) {
        if (timedOut.get()) {
          throw new HttpTimeoutException(
              "no complete answer to "
                  + request.method()
                  + " "
                  + request.target()
                  + " on "
                  + socket
                  + " within "
                  + options.requestTimeout().toMillis()
                  + " ms ("
                  + received.size()
                  + " bytes received)");
        }
        throw e;
      } finally {
        timeout.cancel(false);
      }
    }
  }

  private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static final byte[] HTTP_START = "HTTP/".getBytes(StandardCharsets.US_ASCII);

  /**
   * Reads until the server closes. An answer that does not start like HTTP fails at once: waiting
   * for the end of garbage would only end at the timeout and hide what was wrong.
   */
  private static void readAll(SocketChannel channel, ByteArrayOutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    boolean looksLikeHttp = false;
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      out.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
      if (!looksLikeHttp) {
        byte[] sofar = out.toByteArray();
        int checked = Math.min(sofar.length, HTTP_START.length);
        if (!Arrays.equals(sofar, 0, checked, HTTP_START, 0, checked)) {
          throw new IOException(
              "not an HTTP response (" + sofar.length + " bytes that do not start with HTTP/)");
        }
        looksLikeHttp = checked == HTTP_START.length;
      }
    }
  }

  /** Parses a whole HTTP/1.1 response (the server closed the connection after it). */
  static Response parse(byte[] raw) throws IOException {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (headerEnd < 0) {
      throw new IOException("incomplete HTTP response (" + raw.length + " bytes)");
    }
    String[] lines = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + lines[0], e);
    }
    boolean chunked = false;
    int contentLength = -1;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      } else if (name.equals("content-length")) {
        contentLength = Integer.parseInt(value);
      }
    }
    int start = headerEnd + 4;
    byte[] body;
    if (chunked) {
      body = dechunk(raw, start);
    } else if (contentLength >= 0) {
      if (start + contentLength > raw.length) {
        throw new IOException("HTTP body shorter than its Content-Length " + contentLength);
      }
      body = Arrays.copyOfRange(raw, start, start + contentLength);
    } else {
      body = Arrays.copyOfRange(raw, start, raw.length);
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] raw, int position) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    while (true) {
      int lineEnd = indexOf(raw, crlf, position);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked HTTP body");
      }
      String sizeText = new String(raw, position, lineEnd - position, StandardCharsets.US_ASCII);
      int semicolon = sizeText.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).trim(), 16);
      position = lineEnd + 2;
      if (size == 0) {
        return out.toByteArray();
      }
      if (position + size > raw.length) {
        throw new IOException("truncated chunked HTTP body");
      }
      out.write(raw, position, size);
      position += size + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the exchange fails with ClosedChannelException, which is what the caller reports
    }
  }

  @Override
  public String endpoint() {
    return "unix:" + socket;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}

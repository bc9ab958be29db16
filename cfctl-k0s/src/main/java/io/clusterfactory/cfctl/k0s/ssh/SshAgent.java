package io.clusterfactory.cfctl.k0s.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client of the ssh-agent protocol (draft-miller-ssh-agent): lists the agent's keys and asks it
 * to sign, so private keys never leave the agent. Java 17 speaks to its Unix socket directly; sshj
 * has no agent client and the only bridge on Maven Central is unmaintained.
 */
public final class SshAgent {
  static final int REQUEST_IDENTITIES = 11;
  static final int IDENTITIES_ANSWER = 12;
  static final int SIGN_REQUEST = 13;
  static final int SIGN_RESPONSE = 14;
  static final int FAILURE = 5;

  /** Sign with rsa-sha2-256 rather than SHA-1 for RSA keys. */
  static final int RSA_SHA2_256 = 2;

  /** One key the agent holds: its public blob (type first) and comment. */
  public record Identity(byte[] blob, String comment) {
    /** The key type, e.g. ssh-ed25519, ssh-rsa. */
    public String type() {
      ByteBuffer b = ByteBuffer.wrap(blob);
      return new String(readString(b), StandardCharsets.US_ASCII);
    }
  }

  private final Path socket;

  public SshAgent(Path socket) {
    this.socket = socket;
  }

  /**
   * The agent of {@code SSH_AUTH_SOCK} (or the {@code cfctl.sshAuthSock} property, for tests), if
   * its socket exists.
   */
  public static Optional<SshAgent> fromEnvironment() {
    String path = System.getProperty("cfctl.sshAuthSock", System.getenv("SSH_AUTH_SOCK"));
    if (path == null || path.isBlank() || !Files.exists(Path.of(path))) {
      return Optional.empty();
    }
    return Optional.of(new SshAgent(Path.of(path)));
  }

  public Path socket() {
    return socket;
  }

  public List<Identity> identities() throws IOException {
    ByteBuffer answer = call(new byte[] {REQUEST_IDENTITIES});
    int type = answer.get() & 0xff;
    if (type != IDENTITIES_ANSWER) {
      throw new IOException("ssh-agent answered " + type + " to a request for identities");
    }
    int count = answer.getInt();
    List<Identity> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] blob = readString(answer);
      String comment = new String(readString(answer), StandardCharsets.UTF_8);
      out.add(new Identity(blob, comment));
    }
    return out;
  }

  /** The agent's signature of {@code data}: string(algorithm) + string(signature blob). */
  public byte[] sign(Identity key, byte[] data) throws IOException {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.write(SIGN_REQUEST);
    writeString(req, key.blob());
    writeString(req, data);
    writeInt(req, key.type().equals("ssh-rsa") ? RSA_SHA2_256 : 0);
    ByteBuffer answer = call(req.toByteArray());
    int type = answer.get() & 0xff;
    if (type != SIGN_RESPONSE) {
      throw new IOException(
          "ssh-agent refused to sign with "
              + key.comment()
              + (type == FAILURE ? "" : " (" + type + ")"));
    }
    return readString(answer);
  }

  private ByteBuffer call(byte[] message) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.allocate(4 + message.length);
      out.putInt(message.length).put(message).flip();
      while (out.hasRemaining()) {
        channel.write(out);
      }
      ByteBuffer length = readFully(channel, 4);
      int n = length.getInt();
      if (n <= 0 || n > 256 * 1024) {
        throw new IOException("ssh-agent sent a message of " + n + " bytes");
      }
      return readFully(channel, n);
    }
  }

  private static ByteBuffer readFully(SocketChannel channel, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new IOException("ssh-agent closed the connection");
      }
    }
    return b.flip();
  }

  static byte[] readString(ByteBuffer b) {
    int n = b.getInt();
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  static void writeString(ByteArrayOutputStream out, byte[] data) {
    writeInt(out, data.length);
    out.writeBytes(data);
  }

  static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}

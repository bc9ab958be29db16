package io.clusterfactory.cfctl.k0s.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;
import javax.net.SocketFactory;

/** Plain TCP sockets with TCP_NODELAY set, so short SSH exchanges are not held back by Nagle. */
final class NoDelaySocketFactory extends SocketFactory {
  private final Supplier<Socket> unconnected;

  NoDelaySocketFactory() {
    this(Socket::new);
  }

  /**
   * @param unconnected makes the socket sshj connects (a watched one)
   */
  NoDelaySocketFactory(Supplier<Socket> unconnected) {
    this.unconnected = unconnected;
  }

  @Override
  public Socket createSocket() throws SocketException {
    return noDelay(unconnected.get());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(new Socket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws SocketException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}

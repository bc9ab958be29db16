package io.clusterfactory.cfctl.k0s.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/** Plain TCP sockets with TCP_NODELAY set, so short SSH exchanges are not held back by Nagle. */
final class NoDelaySocketFactory extends SocketFactory {
  @Override
  public Socket createSocket() throws SocketException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket socket = new Socket(host, port, localHost, localPort);
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket socket = new Socket(address, port, localAddress, localPort);
    socket.setTcpNoDelay(true);
    return socket;
  }
}

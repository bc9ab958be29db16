package io.clusterfactory.cfctl.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps every test off the upstream chart repositories (docs/lab.md, "No chart from the network").
 * apply and diff hydrate by default and the examples point at upstream repositories, so a test that
 * runs them without {@code --no-hydrate} would try the network. Registered for every test class of
 * every module (JUnit's extension autodetection, switched on in the root pom): it installs a
 * JVM-wide {@link ProxySelector} that sends any chart request (made from {@code core.hydrate}, or
 * for an {@code index.yaml} or a {@code .tgz}) to a host other than loopback or the lab's {@code
 * 10.199.0.0/16} to a closed loopback port, so the request fails at once without a DNS lookup or a
 * packet leaving the machine, and then fails the test with the URL and the fix.
 */
public final class ChartRepositoryGuard implements BeforeAllCallback, AfterEachCallback {
  private static final List<String> BLOCKED = new CopyOnWriteArrayList<>();
  private static final Proxy NOWHERE =
      new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1));
  private static boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> blocked = takeBlocked();
    if (!blocked.isEmpty()) {
      throw new AssertionError(
          "this test tried to pull charts from outside loopback and the lab: "
              + blocked
              + "; run apply/diff with --no-hydrate, or serve the chart on loopback"
              + " (LoopbackChartRepo) (docs/lab.md)");
    }
  }

  /** Installs the guard once per JVM. */
  public static synchronized void install() {
    if (!installed) {
      ProxySelector.setDefault(new Selector(ProxySelector.getDefault()));
      installed = true;
    }
  }

  /** The chart URLs blocked since the last call, and forgets them (a test of the guard). */
  public static List<String> takeBlocked() {
    List<String> out = new ArrayList<>(BLOCKED);
    BLOCKED.removeAll(out);
    return out;
  }

  /** Loopback, {@code localhost} or a lab address, judged without a DNS lookup. */
  public static boolean allowed(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // a name: never resolved here
    }
    try {
      InetAddress a = InetAddress.getByName(h); // a literal: no lookup
      byte[] b = a.getAddress();
      return a.isLoopbackAddress() || (b.length == 4 && b[0] == 10 && (b[1] & 0xff) == 199);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean chartRequest(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    return path.endsWith("/index.yaml")
        || path.endsWith(".tgz")
        || StackWalker.getInstance()
            .walk(
                frames ->
                    frames.anyMatch(
                        f -> f.getClassName().startsWith("io.clusterfactory.cfctl.core.hydrate.")));
  }

  private static final class Selector extends ProxySelector {
    private final ProxySelector previous;

    Selector(ProxySelector previous) {
      this.previous = previous;
    }

    @Override
    public List<Proxy> select(URI uri) {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if ((scheme.equals("http") || scheme.equals("https"))
          && !allowed(uri.getHost())
          && chartRequest(uri)) {
        BLOCKED.add(uri.toString());
        System.err.println("ChartRepositoryGuard: blocked a chart request to " + uri);
        return List.of(NOWHERE);
      }
      return previous == null ? List.of(Proxy.NO_PROXY) : previous.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
      if (previous != null) {
        previous.connectFailed(uri, sa, ioe);
      }
    }
  }
}

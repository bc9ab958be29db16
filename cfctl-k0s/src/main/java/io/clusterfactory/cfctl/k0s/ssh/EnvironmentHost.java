package io.clusterfactory.cfctl.k0s.ssh;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host whose commands all run with the variables of its cluster.yaml {@code environment} exported
 * (k0sctl exports them for everything it runs there: a proxy a download needs, say). The variables
 * a command gives itself win over the host's.
 */
public final class EnvironmentHost implements RemoteHost {
  private final RemoteHost delegate;
  private final Map<String, String> environment;

  private EnvironmentHost(RemoteHost delegate, Map<String, String> environment) {
    this.delegate = delegate;
    this.environment = Map.copyOf(environment);
  }

  /** {@code host} itself when there is nothing to export. */
  public static RemoteHost of(RemoteHost host, Map<String, String> environment) {
    if (environment == null || environment.isEmpty()) {
      return host;
    }
    return new EnvironmentHost(host, environment);
  }

  /** The variables every command gets. */
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public ExecResult exec(String command, ExecOptions options) {
    Map<String, String> merged = new TreeMap<>(environment);
    merged.putAll(options.environment());
    return delegate.exec(command, options.withEnvironment(merged));
  }

  @Override
  public void download(String remotePath, Path local) {
    delegate.download(remotePath, local);
  }

  @Override
  public void upload(Path local, String remotePath, int mode) {
    delegate.upload(local, remotePath, mode);
  }

  @Override
  public void upload(InputStream content, long size, String remotePath, int mode) {
    delegate.upload(content, size, remotePath, mode);
  }

  @Override
  public void writeFile(String remotePath, String content, int mode) {
    delegate.writeFile(remotePath, content, mode);
  }

  @Override
  public Optional<String> sha256(String remotePath) {
    return delegate.sha256(remotePath);
  }

  @Override
  public Optional<String> readFile(String remotePath) {
    return delegate.readFile(remotePath);
  }

  @Override
  public boolean exists(String path) {
    return delegate.exists(path);
  }

  @Override
  public boolean isRoot() {
    return delegate.isRoot();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

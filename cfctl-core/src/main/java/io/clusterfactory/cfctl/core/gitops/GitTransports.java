package io.clusterfactory.cfctl.core.gitops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Configures JGit commands for one remote: SSH through Apache MINA sshd with cfctl's keys and
 * known_hosts checking, HTTPS with the token. Closing it releases the SSH client.
 */
final class GitTransports implements AutoCloseable {
  private final GitAuth auth;
  private final KnownHostsDatabase hostKeys;
  private SshdSessionFactory sshFactory;

  GitTransports(GitAuth auth) {
    this.auth = auth;
    this.hostKeys = new KnownHostsDatabase(auth.knownHosts(), auth.hostKeyPolicy());
  }

  /** Why the last SSH host key was refused, or null. */
  String hostKeyRefusal() {
    return hostKeys.lastRefusal();
  }

  <C extends TransportCommand<C, ?>> C configure(C command, URIish uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if ((scheme.equals("https") || scheme.equals("http")) && auth.httpsToken() != null) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(
              auth.tokenUserFor(uri.getHost()), auth.httpsToken()));
    }
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshFactory());
          }
        });
    return command;
  }

  private synchronized SshdSessionFactory sshFactory() {
    if (sshFactory == null) {
      File sshDir = auth.sshDirectory().toFile();
      List<Path> keys = auth.identityFiles().stream().filter(Files::isRegularFile).toList();
      sshFactory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(sshDir.getAbsoluteFile().getParentFile())
              .setSshDirectory(sshDir)
              .setDefaultIdentities(dir -> keys)
              .setDefaultKnownHostsFiles(dir -> List.of(auth.knownHosts()))
              .setServerKeyDatabase((home, dir) -> hostKeys)
              .setPreferredAuthentications("publickey")
              .build(new JGitKeyCache());
    }
    return sshFactory;
  }

  @Override
  public synchronized void close() {
    if (sshFactory != null) {
      sshFactory.close();
      sshFactory = null;
    }
  }
}

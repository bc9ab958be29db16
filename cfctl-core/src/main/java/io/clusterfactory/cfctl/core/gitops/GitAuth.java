package io.clusterfactory.cfctl.core.gitops;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How cfctl authenticates to the Git remote. SSH: private keys and known_hosts (JGit's Apache MINA
 * sshd transport); HTTPS: a token from the environment. The token is held here only, never put in a
 * URL or a log line.
 *
 * @param sshDirectory the {@code .ssh} directory used for the SSH client configuration ({@code
 *     config}) and as the base of the defaults below
 * @param identityFiles private keys tried in order (missing files are skipped)
 * @param knownHosts the known_hosts file host keys are checked against
 * @param hostKeyPolicy whether unknown hosts are refused or recorded
 * @param httpsUser user name sent with the token
 * @param httpsToken the token for HTTPS remotes, or null
 */
public record GitAuth(
    Path sshDirectory,
    List<Path> identityFiles,
    Path knownHosts,
    HostKeyPolicy hostKeyPolicy,
    String httpsUser,
    String httpsToken) {

  /** Token variables, first set wins. */
  public static final List<String> TOKEN_VARIABLES = List.of("CFCTL_GIT_TOKEN", "GIT_TOKEN");

  /** Overrides the user name sent with the token. */
  public static final String USER_VARIABLE = "CFCTL_GIT_USER";

  public GitAuth {
    identityFiles = List.copyOf(identityFiles);
    hostKeyPolicy = hostKeyPolicy == null ? HostKeyPolicy.STRICT : hostKeyPolicy;
  }

  /**
   * Defaults from the user's home and the environment: keys {@code ~/.ssh/id_ed25519}, {@code
   * id_ecdsa}, {@code id_rsa} (or {@code keyPath} alone when given), {@code ~/.ssh/known_hosts} (or
   * {@code $SSH_KNOWN_HOSTS}), the token from {@link #TOKEN_VARIABLES}.
   *
   * @param home the user's home directory
   * @param keyPath an explicit private key, or null
   * @param policy host key policy
   * @param env the process environment
   */
  public static GitAuth defaults(
      Path home, Path keyPath, HostKeyPolicy policy, Map<String, String> env) {
    Path ssh = home.resolve(".ssh");
    List<Path> keys =
        keyPath != null
            ? List.of(keyPath)
            : List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa"));
    String knownHostsVar = env.get("SSH_KNOWN_HOSTS");
    Path knownHosts =
        knownHostsVar == null || knownHostsVar.isBlank()
            ? ssh.resolve("known_hosts")
            : Path.of(knownHostsVar);
    String token = null;
    for (String variable : TOKEN_VARIABLES) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        token = value.trim();
        break;
      }
    }
    return new GitAuth(ssh, keys, knownHosts, policy, env.get(USER_VARIABLE), token);
  }

  /**
   * The user name for a token on this host: {@code oauth2} for GitLab, {@code x-access-token}
   * otherwise (GitHub App tokens need it, GitHub personal tokens accept any name), unless {@link
   * #USER_VARIABLE} is set.
   */
  public String tokenUserFor(String host) {
    if (httpsUser != null && !httpsUser.isBlank()) {
      return httpsUser;
    }
    return host != null && host.toLowerCase(Locale.ROOT).contains("gitlab")
        ? "oauth2"
        : "x-access-token";
  }

  @Override
  public String toString() {
    // never print the token
    return "GitAuth[sshDirectory="
        + sshDirectory
        + ", identityFiles="
        + identityFiles
        + ", knownHosts="
        + knownHosts
        + ", hostKeyPolicy="
        + hostKeyPolicy
        + ", httpsUser="
        + httpsUser
        + ", httpsToken="
        + (httpsToken == null ? "none" : "(set)")
        + "]";
  }
}

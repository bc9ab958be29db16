package io.clusterfactory.cfctl.core.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GitAuthTest {
  private static final Path HOME = Path.of("/home/ops");

  @Test
  @DisplayName("CFCTL_GIT_TOKEN wins over GIT_TOKEN; the user fits the host; toString hides it")
  void tokenFromEnvironment() {
    GitAuth auth =
        GitAuth.defaults(
            HOME, null, null, Map.of("GIT_TOKEN", "generic-tok", "CFCTL_GIT_TOKEN", "cfctl-tok"));
    assertEquals("cfctl-tok", auth.httpsToken());
    assertEquals("x-access-token", auth.tokenUserFor("github.com"));
    assertEquals("oauth2", auth.tokenUserFor("gitlab.example.org"));
    assertFalse(auth.toString().contains("cfctl-tok"));
    assertEquals(HostKeyPolicy.STRICT, auth.hostKeyPolicy());

    assertEquals(
        "generic-tok",
        GitAuth.defaults(HOME, null, null, Map.of("GIT_TOKEN", "generic-tok")).httpsToken());
    assertNull(GitAuth.defaults(HOME, null, null, Map.of()).httpsToken());
    assertEquals(
        "bot",
        GitAuth.defaults(HOME, null, null, Map.of("CFCTL_GIT_USER", "bot"))
            .tokenUserFor("gitlab.com"));
  }

  @Test
  @DisplayName("default keys and known_hosts under ~/.ssh; an explicit key replaces them")
  void sshDefaults() {
    GitAuth auth = GitAuth.defaults(HOME, null, HostKeyPolicy.ACCEPT_NEW, Map.of());
    assertEquals(
        List.of(
            HOME.resolve(".ssh/id_ed25519"),
            HOME.resolve(".ssh/id_ecdsa"),
            HOME.resolve(".ssh/id_rsa")),
        auth.identityFiles());
    assertEquals(HOME.resolve(".ssh/known_hosts"), auth.knownHosts());
    GitAuth explicit =
        GitAuth.defaults(
            HOME,
            Path.of("/keys/deploy"),
            null,
            Map.of("SSH_KNOWN_HOSTS", "/etc/cfctl/known_hosts"));
    assertEquals(List.of(Path.of("/keys/deploy")), explicit.identityFiles());
    assertEquals(Path.of("/etc/cfctl/known_hosts"), explicit.knownHosts());
  }

  @Test
  @DisplayName("cache root follows XDG_CACHE_HOME, else ~/.cache")
  void cacheRoot() {
    assertEquals(
        Path.of("/home/ops/.cache/cfctl/git"), GitPublisher.defaultCacheRoot(Map.of(), HOME));
    assertEquals(
        Path.of("/xdg/cfctl/git"),
        GitPublisher.defaultCacheRoot(Map.of("XDG_CACHE_HOME", "/xdg"), HOME));
  }
}

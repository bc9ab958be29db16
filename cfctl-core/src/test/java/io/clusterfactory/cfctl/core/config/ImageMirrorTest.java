package io.clusterfactory.cfctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image references normalised as containerd reads them, and rewritten through the mirrors. */
class ImageMirrorTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "nginx, docker.io, library/nginx, , ",
    "nginx:1.2, docker.io, library/nginx, 1.2, ",
    "bitnami/redis:7, docker.io, bitnami/redis, 7, ",
    "docker.io/nginx, docker.io, library/nginx, , ",
    "index.docker.io/library/nginx:1, docker.io, library/nginx, 1, ",
    "quay.io/argoproj/argocd:v3.1.0, quay.io, argoproj/argocd, v3.1.0, ",
    "localhost/a:b, localhost, a, b, ",
    "registry.site.local:5000/team/app:1.0, registry.site.local:5000, team/app, 1.0, ",
    "localhost:5000/app, localhost:5000, app, , ",
  })
  @DisplayName("a reference splits into registry, repository, tag and digest")
  void parses(String ref, String registry, String repository, String tag, String digest) {
    ImageReference r = ImageReference.parse(ref);
    assertEquals(registry, r.registry());
    assertEquals(repository, r.repository());
    assertEquals(tag, r.tag());
    assertEquals(digest, r.digest());
  }

  @Test
  @DisplayName("tag and digest are both kept, and a port is not taken for a tag")
  void tagAndDigest() {
    ImageReference r = ImageReference.parse("registry.k8s.io:443/pause:3.10@" + DIGEST);
    assertEquals("registry.k8s.io:443", r.registry());
    assertEquals("3.10", r.tag());
    assertEquals(DIGEST, r.digest());
    assertEquals("registry.k8s.io:443/pause:3.10@" + DIGEST, r.toString());
    ImageReference d = ImageReference.parse("busybox@" + DIGEST);
    assertEquals("docker.io/library/busybox@" + DIGEST, d.toString());
  }

  @Test
  @DisplayName("what is no image reference is refused")
  void refuses() {
    assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(""));
    assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("a b"));
    assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("quay.io/"));
  }

  @Test
  @DisplayName("the one mirror replaces every registry host, short names normalised first")
  void oneMirror() {
    ImageMirror m = ImageMirror.of(new RegistriesSpec("registry.site.local/mirror/", Map.of()));
    assertEquals("registry.site.local/mirror/library/nginx:1.2", m.rewrite("nginx:1.2"));
    assertEquals(
        "registry.site.local/mirror/argoproj/argocd:v3.1.0",
        m.rewrite("quay.io/argoproj/argocd:v3.1.0"));
    assertEquals(
        "registry.site.local/mirror/pause@" + DIGEST, m.rewrite("registry.k8s.io/pause@" + DIGEST));
    assertEquals("registry.site.local/mirror/library/busybox", m.rewrite("busybox"));
  }

  @Test
  @DisplayName("a rewritten registry goes to its own prefix, the others to the mirror or nowhere")
  void rewrites() {
    ImageMirror both =
        ImageMirror.of(
            new RegistriesSpec(
                "mirror.site.local:5000",
                Map.of(
                    "docker.io", "registry.site.local/dockerhub", "quay.io", "quay.site.local")));
    assertEquals("registry.site.local/dockerhub/library/nginx:1.2", both.rewrite("nginx:1.2"));
    assertEquals("quay.site.local/argoproj/argocd:v1", both.rewrite("quay.io/argoproj/argocd:v1"));
    assertEquals("mirror.site.local:5000/dexidp/dex:v2", both.rewrite("ghcr.io/dexidp/dex:v2"));

    ImageMirror only =
        ImageMirror.of(new RegistriesSpec(null, Map.of("docker.io", "hub.site.local/proxy")));
    assertEquals("hub.site.local/proxy/bitnami/redis:7", only.rewrite("bitnami/redis:7"));
    assertEquals("ghcr.io/dexidp/dex:v2", only.rewrite("ghcr.io/dexidp/dex:v2"), "untouched");
  }

  @Test
  @DisplayName("without mirrors an image stays exactly as written")
  void none() {
    ImageMirror none = ImageMirror.of((RegistriesSpec) null);
    assertFalse(none.active());
    assertEquals("nginx:1.2", none.rewrite("nginx:1.2"));
  }
}

package io.clusterfactory.cfctl.k0s.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.v1beta1.RegistriesSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerdMirrorsTest {
  @Test
  void oneMirrorWithAPathIsTheDefaultHostOfEveryRegistryWithItsPathOverridden() {
    var files =
        ContainerdMirrors.files(
            ImageMirror.of(new RegistriesSpec("registry.site.local:5000/mirror", Map.of())));
    assertEquals(
        // the hosts files first: the drop-in names a folder that already exists
        List.of(ContainerdMirrors.HOSTS_DIR + "/_default/hosts.toml", ContainerdMirrors.DROP_IN),
        List.copyOf(files.keySet()));
    assertEquals(
        ContainerdMirrors.HEADER
            + "[host.\"https://registry.site.local:5000/v2/mirror\"]\n"
            + "  capabilities = [\"pull\", \"resolve\"]\n"
            + "  override_path = true\n",
        files.get(ContainerdMirrors.HOSTS_DIR + "/_default/hosts.toml"));
    assertTrue(files.get(ContainerdMirrors.DROP_IN).contains("version = 2\n"));
  }

  @Test
  void aRewrittenRegistryHasItsOwnHostsFileWithItsUpstreamAsServer() {
    ImageMirror m =
        ImageMirror.of(
            new RegistriesSpec(
                null, Map.of("docker.io", "hub.site.local", "quay.io", "q.local/x")));
    var files = ContainerdMirrors.files(m);
    assertFalse(files.containsKey(ContainerdMirrors.HOSTS_DIR + "/_default/hosts.toml"));
    assertEquals(
        ContainerdMirrors.HEADER
            + "server = \"https://registry-1.docker.io\"\n\n"
            + "[host.\"https://hub.site.local\"]\n"
            + "  capabilities = [\"pull\", \"resolve\"]\n",
        files.get(ContainerdMirrors.HOSTS_DIR + "/docker.io/hosts.toml"));
    assertTrue(
        files
            .get(ContainerdMirrors.HOSTS_DIR + "/quay.io/hosts.toml")
            .contains("[host.\"https://q.local/v2/x\"]"));
    assertEquals(List.of("docker.io", "quay.io"), List.copyOf(ContainerdMirrors.registries(m)));
  }

  @Test
  void noMirrorNoFile() {
    assertEquals(Map.of(), ContainerdMirrors.files(ImageMirror.of((RegistriesSpec) null)));
  }

  @Test
  void k0sSystemImagesComeFromTheMirrorUnlessTheClusterConfigNamesARepository() {
    String mirrored = K0sConfigs.render(null, List.of(), null, "registry.site.local/mirror");
    assertEquals(
        "registry.site.local/mirror",
        K0sConfigs.parse(mirrored).path("spec").path("images").path("repository").asText());
    var own =
        K0sConfigs.tree(Map.of("spec", Map.of("images", Map.of("repository", "own.local/k0s"))));
    assertEquals(
        "own.local/k0s",
        K0sConfigs.parse(K0sConfigs.render(own, List.of(), null, "registry.site.local/mirror"))
            .path("spec")
            .path("images")
            .path("repository")
            .asText());
    assertFalse(K0sConfigs.render(null, List.of(), null, null).contains("images"));
  }
}

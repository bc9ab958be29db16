package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials {@code helm registry login} and {@code docker login} store for a registry: the
 * {@code auths.<host>.auth} entry (base64 of {@code user:password}) of Helm's registry config
 * ({@code $HELM_REGISTRY_CONFIG}, else {@code ~/.config/helm/registry/config.json}), then of
 * Docker's ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}). Credential
 * helpers ({@code credsStore}) are not asked. The value is only ever sent as an Authorization
 * header, never logged.
 */
final class RegistryCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> files;

  RegistryCredentials(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** None: anonymous pulls only. */
  static RegistryCredentials none() {
    return new RegistryCredentials(List.of());
  }

  static RegistryCredentials standard(Map<String, String> env, Path home) {
    List<Path> files = new ArrayList<>();
    String helm = env.get("HELM_REGISTRY_CONFIG");
    String xdg = env.get("XDG_CONFIG_HOME");
    Path config = xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg);
    files.add(
        helm == null || helm.isBlank()
            ? config.resolve("helm/registry/config.json")
            : Path.of(helm));
    String docker = env.get("DOCKER_CONFIG");
    files.add(
        (docker == null || docker.isBlank() ? home.resolve(".docker") : Path.of(docker))
            .resolve("config.json"));
    return new RegistryCredentials(files);
  }

  /** {@code Basic <auth>} for {@code host}, or empty. */
  Optional<String> basic(String host) {
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        JsonNode auths = JSON.readTree(file.toFile()).path("auths");
        for (String key : List.of(host, "https://" + host, "http://" + host)) {
          String auth = auths.path(key).path("auth").asText("");
          if (!auth.isBlank()) {
            return Optional.of("Basic " + auth.trim());
          }
        }
      } catch (IOException e) {
        // an unreadable config is as good as none: the pull is tried anonymously
      }
    }
    return Optional.empty();
  }
}

package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.kube.KubeNames;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.render.SecretRequest;
import io.clusterfactory.cfctl.core.secrets.Redactor;
import io.clusterfactory.cfctl.core.secrets.SecretInputs;
import io.clusterfactory.cfctl.core.secrets.SecretValue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one Secret cfctl writes in clear to the API, never to Git: the credentials ArgoCD needs to
 * read a private repository, at bootstrap, before the sealed-secrets controller exists to unseal
 * them (docs/bootstrap.md). The annotation lets the SealedSecret of the same name take it over.
 */
public final class RepositoryCredentials {
  static final String NAME = "cfctl-repository";

  private RepositoryCredentials() {}

  /** The Secret to apply at bootstrap, or empty when the tree has no repository credentials. */
  public static Optional<GenericKubernetesResource> secret(RenderedTree tree, Path configDir) {
    SecretRequest request =
        tree.secrets().stream().filter(s -> s.name().equals(NAME)).findFirst().orElse(null);
    if (request == null) {
      return Optional.empty();
    }
    SecretInputs inputs = SecretInputs.fromProcessEnvironment(configDir);
    Map<String, String> values = new HashMap<>();
    Map<String, String> data = new LinkedHashMap<>();
    for (var e : request.data().entrySet()) {
      String filled =
          SecretRequest.fill(
              e.getValue(), id -> values.computeIfAbsent(id, key -> clear(inputs, tree, key)));
      data.put(
          e.getKey(), Base64.getEncoder().encodeToString(filled.getBytes(StandardCharsets.UTF_8)));
    }
    Map<String, String> labels = new HashMap<>(request.labels());
    labels.put(KubeNames.STACK_LABEL, DeliveredObjects.BOOTSTRAP);
    GenericKubernetesResource secret = new GenericKubernetesResource();
    secret.setApiVersion("v1");
    secret.setKind("Secret");
    secret.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(request.name())
            .withNamespace(request.namespace())
            .withLabels(labels)
            .withAnnotations(Map.of("sealedsecrets.bitnami.com/managed", "true"))
            .build());
    secret.setAdditionalProperty("type", request.type());
    secret.setAdditionalProperty("data", data);
    return Optional.of(secret);
  }

  private static String clear(SecretInputs inputs, RenderedTree tree, String id) {
    SecretSource source = tree.secretInputs().get(id);
    SecretValue value = source == null ? null : inputs.resolve(id, source);
    if (!(value instanceof SecretValue.Provided provided)) {
      throw new InvalidInputException(
          "the Git credentials for ArgoCD (" + id + ") must come from env or file",
          "a generated value cannot open a repository");
    }
    String text = new String(provided.bytes(), StandardCharsets.UTF_8);
    Redactor.global().register(text);
    return text;
  }
}

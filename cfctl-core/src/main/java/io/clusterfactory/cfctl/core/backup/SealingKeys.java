package io.clusterfactory.cfctl.core.backup;

import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The sealed-secrets controller's private keys: the Secrets labelled {@link #LABEL} in the
 * namespace cfctl installs the controller into. Only these keys open the SealedSecrets already in
 * Git; a rebuilt cluster without them cannot. Read for a backup, applied back before the controller
 * starts on a restore (it then finds them and seals and unseals with the old keys).
 */
public final class SealingKeys {
  /** The label the controller puts on its key Secrets (and looks them up by). */
  public static final String LABEL = "sealedsecrets.bitnami.com/sealed-secrets-key";

  /** Where cfctl's gitops stack installs the controller. */
  public static final String NAMESPACE = "sealed-secrets";

  private SealingKeys() {}

  /** The key Secrets, sorted by name, without what the server set (uid, resourceVersion...). */
  public static List<Secret> read(KubernetesClient client, KubeCalls calls) {
    List<Secret> found =
        calls.call(
            "listing the sealed-secrets key Secrets in " + NAMESPACE,
            () -> client.secrets().inNamespace(NAMESPACE).withLabel(LABEL).list().getItems());
    return found.stream()
        .map(SealingKeys::portable)
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .toList();
  }

  /** A Secret as it can be created again: name, namespace, labels, annotations, type and data. */
  static Secret portable(Secret s) {
    ObjectMeta m = s.getMetadata();
    return new SecretBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(m.getName())
                .withNamespace(m.getNamespace() == null ? NAMESPACE : m.getNamespace())
                .withLabels(m.getLabels())
                .withAnnotations(m.getAnnotations())
                .build())
        .withType(s.getType())
        .withData(s.getData())
        .build();
  }

  public static byte[] toYaml(List<Secret> keys) {
    KubernetesList list = new KubernetesListBuilder().withItems(List.copyOf(keys)).build();
    return Serialization.asYaml(list).getBytes(StandardCharsets.UTF_8);
  }

  public static List<Secret> fromYaml(byte[] yaml) {
    KubernetesList list =
        Serialization.unmarshal(new String(yaml, StandardCharsets.UTF_8), KubernetesList.class);
    return list.getItems().stream().map(Secret.class::cast).toList();
  }

  /** Creates the namespace when missing and each key Secret (replacing one of the same name). */
  public static void apply(KubernetesClient client, KubeCalls calls, List<Secret> keys) {
    calls.call(
        "creating namespace " + NAMESPACE,
        () -> {
          if (client.namespaces().withName(NAMESPACE).get() == null) {
            client
                .namespaces()
                .resource(
                    new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
          }
          return null;
        });
    for (Secret key : keys) {
      Secret clean = portable(key);
      calls.call(
          "restoring Secret " + NAMESPACE + "/" + clean.getMetadata().getName(),
          () -> client.secrets().inNamespace(NAMESPACE).resource(clean).createOr(r -> r.update()));
    }
  }
}

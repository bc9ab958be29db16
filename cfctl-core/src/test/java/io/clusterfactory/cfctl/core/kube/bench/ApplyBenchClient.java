package io.clusterfactory.cfctl.core.kube.bench;

import io.clusterfactory.cfctl.core.kube.KubeClients;
import io.clusterfactory.cfctl.core.kube.SsaOptions;
import io.clusterfactory.cfctl.core.kube.StackApplier;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code cfctl apply} does for the cluster part, as a separate process: read a kubeconfig and
 * a multi-document manifest, apply it with {@link StackApplier}. Arguments: kubeconfig, manifest.
 */
public final class ApplyBenchClient {
  private ApplyBenchClient() {}

  public static void main(String[] args) throws Exception {
    ApplyBenchMain.quietLogging();
    String kubeconfig = Files.readString(Path.of(args[0]));
    String manifest = Files.readString(Path.of(args[1]));
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : manifest.split("(?m)^---\\s*$")) {
      if (!doc.isBlank()) {
        objects.add(serialization.unmarshal(doc, GenericKubernetesResource.class));
      }
    }
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig)) {
      new StackApplier(client, new MutationGuard(false), ApplyBenchMain.calls(client))
          .apply(
              "bench",
              objects,
              new SsaOptions(false, true, Integer.getInteger("bench.concurrency", 16)));
    }
  }
}

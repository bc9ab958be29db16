package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Function;

/** Publishes the tree without SealedSecrets (they stay listed in cfctl-secrets.yaml). */
public final class NoSealing implements TreeSealing {
  @Override
  public Sealed seal(
      LoadedConfig config,
      RenderedTree tree,
      KubernetesClient client,
      Function<String, byte[]> previousFile) {
    List<String> notes =
        tree.secrets().isEmpty()
            ? List.of()
            : List.of(tree.secrets().size() + " secrets not sealed: no sealing certificate");
    return new Sealed(tree.files(), List.of(), notes);
  }
}

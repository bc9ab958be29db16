package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;

/** Turns the secret requests of a rendered tree into SealedSecrets, when a certificate exists. */
public interface TreeSealing {
  /**
   * @param files the tree's files plus a SealedSecret file per sealed request
   * @param sealedObjects the SealedSecret objects, for the applier and the diff
   * @param notes what a user should know (e.g. secrets left unsealed until the controller runs)
   */
  record Sealed(
      SortedMap<String, byte[]> files, List<RenderedObject> sealedObjects, List<String> notes) {}

  /**
   * @param client the cluster, to fetch the controller's certificate; null when unreachable
   * @param previousFile the file at a path in the tree already published, or null
   */
  Sealed seal(
      LoadedConfig config,
      RenderedTree tree,
      KubernetesClient client,
      Function<String, byte[]> previousFile);
}

package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.render.RenderedObject;
import java.util.List;
import java.util.SortedMap;

/**
 * A rendered tree with its Secrets sealed: what `cfctl render` writes and `cfctl apply` commits.
 *
 * @param files every file of the rendered tree plus one SealedSecret per secret request, by
 *     relative path, sorted
 * @param sealedObjects one object per SealedSecret, in the order of the secret requests (by path),
 *     delivered by ArgoCD in the wave of the component that needs it
 */
public record SealedTree(SortedMap<String, byte[]> files, List<RenderedObject> sealedObjects) {}

package io.clusterfactory.cfctl.core.render;

import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import java.util.List;
import java.util.SortedMap;

/**
 * The rendered GitOps tree: file contents by path relative to the repository folder cfctl owns, the
 * objects in apply order, and the secrets the sealing step must produce.
 *
 * @param files relative path -> bytes, sorted by path
 * @param objects every Kubernetes object of the tree, ordered by wave, delivery, path, position
 * @param secrets the Secrets to seal, ordered by path
 * @param secretInputs where every secret value comes from, by the YAML path of its input
 */
public record RenderedTree(
    SortedMap<String, byte[]> files,
    List<RenderedObject> objects,
    List<SecretRequest> secrets,
    SortedMap<String, SecretSource> secretInputs) {

  /** Name of the secret request index file at the top of the tree. */
  public static final String SECRETS_INDEX = "cfctl-secrets.yaml";

  /** A file's text (UTF-8), or null. */
  public String text(String path) {
    byte[] b = files.get(path);
    return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}

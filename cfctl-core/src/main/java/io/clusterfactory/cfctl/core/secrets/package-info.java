/**
 * Secrets: sealing for the sealed-secrets controller, secret inputs, stable re-renders and
 * redaction (see docs/secrets.md).
 *
 * <p>Typical render: resolve each input of cluster.yaml with {@link
 * io.clusterfactory.cfctl.core.secrets.SecretInputs#resolve}, build a {@link
 * io.clusterfactory.cfctl.core.secrets.SecretToSeal}, read the previous SealedSecret from the tree
 * with {@link io.clusterfactory.cfctl.core.secrets.SealedSecretManifest#parse}, and seal with
 * {@link io.clusterfactory.cfctl.core.secrets.Sealer#seal(SecretToSeal,
 * io.fabric8.kubernetes.api.model.GenericKubernetesResource)}, built from a {@link
 * io.clusterfactory.cfctl.core.secrets.SealingCertificate} and a {@link
 * io.clusterfactory.cfctl.core.secrets.SealHashKey}. Logging layers pass every line through {@link
 * io.clusterfactory.cfctl.core.secrets.Redactor#global()}.
 */
package io.clusterfactory.cfctl.core.secrets;

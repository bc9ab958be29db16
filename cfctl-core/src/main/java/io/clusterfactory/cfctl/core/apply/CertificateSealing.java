package io.clusterfactory.cfctl.core.apply;

import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.v1beta1.GitopsSpec;
import io.clusterfactory.cfctl.core.error.CfctlException;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.kube.SealingCertificates;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import io.clusterfactory.cfctl.core.secrets.SealHashKey;
import io.clusterfactory.cfctl.core.secrets.SealedTree;
import io.clusterfactory.cfctl.core.secrets.SealingCertificate;
import io.clusterfactory.cfctl.core.secrets.SecretInputs;
import io.clusterfactory.cfctl.core.secrets.TreeSealer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals every secret request of the tree with the sealed-secrets controller's certificate: the file
 * named by {@code gitops.sealedSecrets.certificate} (offline sealing), else the certificate fetched
 * from the controller through the API. With neither (a first apply, before the controller runs),
 * the tree goes out without SealedSecrets and a note says so; the next apply seals them.
 */
public final class CertificateSealing implements TreeSealing {
  private static final Logger logger = LoggerFactory.getLogger(CertificateSealing.class);
  static final String CONTROLLER_NAMESPACE = "sealed-secrets";
  static final String CONTROLLER_SERVICE = "sealed-secrets";

  private final boolean readOnly;
  private final Path certificateOverride;
  private final Map<String, String> env;

  /**
   * @param readOnly for dry runs and diffs: never create the local hash key file
   * @param certificateOverride a certificate given on the command line, or null
   */
  public CertificateSealing(boolean readOnly, Path certificateOverride, Map<String, String> env) {
    this.readOnly = readOnly;
    this.certificateOverride = certificateOverride;
    this.env = env;
  }

  @Override
  public Sealed seal(
      LoadedConfig config,
      RenderedTree tree,
      KubernetesClient client,
      Function<String, byte[]> previousFile) {
    if (tree.secrets().isEmpty()) {
      return new Sealed(tree.files(), List.of(), List.of());
    }
    SealingCertificate certificate = certificate(config, client);
    if (certificate == null) {
      return new NoSealing().seal(config, tree, client, previousFile);
    }
    Path dir = config.baseDir();
    SealHashKey hashKey =
        readOnly ? SealHashKey.loadExisting(dir, env).orElse(null) : SealHashKey.load(dir, env);
    SealedTree sealed;
    try {
      sealed =
          TreeSealer.seal(
              tree, certificate, SecretInputs.fromProcessEnvironment(dir), hashKey, previousFile);
    } catch (InvalidInputException e) {
      if (!readOnly) {
        throw e;
      }
      // A diff (e.g. CI on a fork) may lack secret inputs: compare everything but the secrets.
      // The message names inputs, variables and files, never a value.
      Sealed unsealed = new NoSealing().seal(config, tree, client, previousFile);
      String missing = String.join("; ", e.getMessage().lines().map(String::strip).toList());
      return new Sealed(
          unsealed.files(),
          List.of(),
          List.of("secrets not sealed, so not compared: " + missing.replace(":;", ":")));
    }
    logger.info("    {} secrets sealed with {}", tree.secrets().size(), certificate.source());
    return new Sealed(sealed.files(), sealed.sealedObjects(), List.of());
  }

  private SealingCertificate certificate(LoadedConfig config, KubernetesClient client) {
    if (certificateOverride != null) {
      return SealingCertificate.load(certificateOverride);
    }
    GitopsSpec g = config.cluster().spec().gitops();
    if (g != null && g.sealedSecrets() != null && g.sealedSecrets().certificate() != null) {
      return SealingCertificate.load(Path.of(g.sealedSecrets().certificate()));
    }
    if (client == null) {
      return null;
    }
    try {
      return SealingCertificates.fetch(client, CONTROLLER_NAMESPACE, CONTROLLER_SERVICE);
    } catch (CfctlException e) {
      logger.debug("no sealing certificate from the controller: {}", e.getMessage());
      return null;
    }
  }
}

package io.clusterfactory.cfctl.core.config;

import io.clusterfactory.cfctl.core.config.v1beta1.Cluster;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster.yaml that passed validation, with defaults applied.
 *
 * @param cluster the defaulted model
 * @param facts what is derived from the model, computed once at load (the resolved inventory, ...)
 * @param source the file name used in messages ("-" for stdin)
 * @param baseDir the folder relative paths resolve against
 * @param sourceMap positions of the Cluster document, for checks run later (apply preflight)
 * @param manifests the file's other Kubernetes documents, each checked to name its apiVersion, kind
 *     and metadata.name, for applying once the cluster is up as k0sctl does (no phase applies them
 *     yet)
 * @param warnings problems that did not stop loading
 */
public record LoadedConfig(
    Cluster cluster,
    ClusterFacts facts,
    String source,
    Path baseDir,
    SourceMap sourceMap,
    List<ExtraManifest> manifests,
    List<Problem> warnings) {}

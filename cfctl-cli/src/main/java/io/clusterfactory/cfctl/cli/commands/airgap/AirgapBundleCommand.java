package io.clusterfactory.cfctl.cli.commands.airgap;

import io.clusterfactory.cfctl.cli.HostsStages;
import io.clusterfactory.cfctl.cli.mixins.ConfigOption;
import io.clusterfactory.cfctl.cli.mixins.DurationConverter;
import io.clusterfactory.cfctl.core.airgap.AirgapBundle;
import io.clusterfactory.cfctl.core.airgap.BundleCollector;
import io.clusterfactory.cfctl.core.config.ImageMirror;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import io.clusterfactory.cfctl.core.config.v1beta1.Host;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.hydrate.ImageDigests;
import io.clusterfactory.cfctl.core.hydrate.ImagePuller;
import io.clusterfactory.cfctl.k0s.model.K0sBinaryDownload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bundle",
    description = {
      "Collect what an offline site needs into DIR: every chart archive the tree uses (checked"
          + " against charts.lock.yaml), the k0s binary of spec.k0s.version for each --arch,"
          + " images.txt, and manifest.json (every file with its size and sha256, each image"
          + " upstream and as spec.registries serves it, and what is left to bring).",
      "Apply from it with `cfctl apply --bundle DIR`; --lists-only writes the two lists alone"
          + " and contacts nothing."
    })
public final class AirgapBundleCommand implements Callable<Integer> {
  private static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64", "arm");

  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Folder of the bundle (created if missing; its charts/ and k0s/ are rewritten)")
  Path output;

  @Option(
      names = "--arch",
      split = ",",
      paramLabel = "ARCH",
      defaultValue = "amd64",
      description =
          "Architectures of the k0s binaries (and of the images, with --pull-images): amd64,"
              + " arm64, arm (default amd64)")
  List<String> arch;

  @Option(
      names = "--leave-out-unpullable",
      description =
          "A chart, image digest or image that cannot be fetched is listed in \"left\" instead"
              + " of an error")
  boolean leaveOutUnpullable;

  @Option(
      names = "--image-digests",
      paramLabel = "FROM",
      defaultValue = "upstream",
      description =
          "Where each image's digest is resolved: upstream (its own registry), mirror (as"
              + " spec.registries serves it), or none (default upstream)")
  String imageDigests;

  @Option(
      names = "--pull-images",
      description =
          "Also pull every image (by its digest, from where --image-digests reads it) for each"
              + " --arch into images/cfctl-images-<arch>.tar, an OCI layout k0s imports on the"
              + " nodes")
  boolean pullImages;

  @Option(
      names = "--no-k0s-images",
      description =
          "Leave out k0s's own images (the release's image bundle of each --arch, put in"
              + " images/k0s-airgap-bundle-<version>-<arch>.tar by default)")
  boolean noK0sImages;

  @Option(
      names = "--lists-only",
      description = "Write images.txt and manifest.json alone, reading no repository")
  boolean listsOnly;

  @Option(
      names = "--timeout",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description = "Give up after this long (default 30m)")
  Duration timeout;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (String a : arch) {
      if (!ARCHITECTURES.contains(a)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--arch takes amd64, arm64 or arm, not " + a);
      }
    }
    if (!List.of("upstream", "mirror", "none").contains(imageDigests)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--image-digests takes upstream, mirror or none, not " + imageDigests);
    }
    if (pullImages && (listsOnly || imageDigests.equals("none"))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--pull-images pulls each image by its digest: it does not go with "
              + (listsOnly ? "--lists-only" : "--image-digests none"));
    }
    LoadedConfig loaded = config.load(ValidationMode.OFFLINE);
    if (imageDigests.equals("mirror") && !ImageMirror.of(loaded.cluster().spec()).active()) {
      throw new InvalidInputException(
          loaded.source() + ": --image-digests mirror: spec.registries names no mirror",
          "set spec.registries, or resolve the digests upstream (--image-digests upstream)");
    }
    var err = spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println(w.format()));
    if (listsOnly) {
      AirgapBundle bundle = AirgapBundle.of(loaded);
      bundle.write(output);
      err.println(
          "Wrote "
              + output.resolve(AirgapBundle.MANIFEST)
              + " ("
              + bundle.images().size()
              + " images, "
              + bundle.charts().size()
              + " charts); left to bring: see its \"left\"");
      return 0;
    }
    Instant deadline = Instant.now().plus(timeout);
    String template = downloadTemplate(loaded);
    BundleCollector collector =
        new BundleCollector(
            HostsStages.helmHydrator(loaded, timeout, false),
            (version, a, target) -> K0sBinaryDownload.fetch(template, version, a, target, deadline),
            imageResolver(deadline),
            leaveOutUnpullable);
    if (!noK0sImages) {
      collector.withK0sImageBundles(
          (version, a, target) ->
              K0sBinaryDownload.fetchImageBundle(template, version, a, target, deadline));
    }
    if (pullImages) {
      ImagePuller puller = ImagePuller.standard(deadline);
      boolean fromMirror = imageDigests.equals("mirror");
      collector.pullingImages(
          (i, a, blobs) ->
              puller.pull(
                  i.image(),
                  fromMirror && i.pulledAs() != null ? i.pulledAs() : i.image(),
                  i.digest(),
                  a,
                  blobs));
    }
    AirgapBundle bundle = collector.collect(loaded, arch, output);
    long bytes = bundle.files().stream().mapToLong(AirgapBundle.BundleFile::size).sum();
    err.println(
        "Wrote "
            + output.resolve(AirgapBundle.MANIFEST)
            + String.format(
                " (%d files, %.1f MB: %d charts, k0s %s for %s, %d images listed);",
                bundle.files().size(),
                bytes / 1e6,
                bundle.charts().stream().filter(c -> c.file() != null).count(),
                bundle.k0sVersion(),
                String.join(",", bundle.architectures()),
                bundle.images().size())
            + " left to bring: see its \"left\"");
    return 0;
  }

  private BundleCollector.ImageResolver imageResolver(Instant deadline) {
    ImageDigests digests = ImageDigests.standard(deadline);
    return switch (imageDigests) {
      case "none" -> null;
      // the mirror serves the same manifest bytes under its own name, so the same digest
      case "mirror" ->
          i -> digests.resolve(i.image(), i.pulledAs() != null ? i.pulledAs() : i.image());
      default -> i -> digests.resolve(i.image());
    };
  }

  /** The hosts' k0sDownloadURL (the first host that names one), else k0s's releases. */
  private static String downloadTemplate(LoadedConfig loaded) {
    for (Host h : loaded.cluster().spec().hosts()) {
      if (h.k0sDownloadUrl() != null) {
        return h.k0sDownloadUrl();
      }
    }
    return null;
  }
}

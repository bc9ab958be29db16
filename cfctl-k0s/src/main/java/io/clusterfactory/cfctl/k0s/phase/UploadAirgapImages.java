package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import java.util.List;
import java.util.Optional;

/**
 * With {@code apply --bundle}, puts every image archive of the bundle's {@code images/} (of the
 * host's architecture, when the archive's name says one) into each workload host's {@code
 * <dataDir>/images/}, where k0s imports image bundles from when its worker starts (so the node
 * needs no registry for them). An archive already there with the same sha256 is left alone; each
 * upload is atomic (a temp name, checked, renamed). Reset removes the folder ({@link ResetHosts}).
 */
public final class UploadAirgapImages implements Phase<HostsContext> {
  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Upload the air-gap image bundles";
  }

  /** The folder k0s imports image bundles from on {@code h}. */
  public static String imagesDir(HostState h) {
    return h.dataDir() + "/images";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets =
        ctx.airgap() == null || ctx.airgap().imageArchives().isEmpty()
            ? List.of()
            : ctx.hosts(h -> h.connected() && !h.spec().reset() && h.role().runsWorkloads());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    List<OpenedBundle.ImageArchive> archives = ctx.airgap().imageArchives();
    ctx.each(
        "uploading the image bundles",
        targets,
        h -> {
          for (OpenedBundle.ImageArchive a : archives) {
            if (forArch(a.name(), h.arch())) {
              upload(ctx, h, a);
            }
          }
        });
  }

  /**
   * An archive named for one architecture ({@code ...-amd64.tar}, {@code ...-arm64.tar}, {@code
   * ...-arm.tar}, as the bundle's own {@code cfctl-images-<arch>.tar} and k0s's {@code
   * bundle-artifacts} are) goes to the hosts of that architecture only; any other to every host.
   */
  static boolean forArch(String archive, String hostArch) {
    for (String a : List.of("amd64", "arm64", "arm")) {
      if (archive.endsWith("-" + a + ".tar")) {
        return a.equals(hostArch);
      }
    }
    return true;
  }

  private static void upload(HostsContext ctx, HostState h, OpenedBundle.ImageArchive a) {
    String target = imagesDir(h) + "/" + a.name();
    Optional<String> there = h.remote().sha256(target);
    if (there.isPresent() && there.get().equals(a.sha256())) {
      return;
    }
    ctx.guard()
        .mutate(
            h.name(),
            String.format(
                "upload image bundle %s (%.1f MB, sha256 %s) to %s",
                a.name(), a.size() / 1e6, a.sha256().substring(0, 12), target),
            () -> {
              ctx.uploadSlots().acquire();
              try {
                h.remote().upload(a.file(), target, 0644);
              } finally {
                ctx.uploadSlots().release();
              }
              return null;
            });
  }
}

package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.airgap.OpenedBundle;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.pipeline.TransferListener;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.BinaryChecksum;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.commands.ProgressInputStream;
import io.clusterfactory.cfctl.k0s.local.FileDigest;
import io.clusterfactory.cfctl.k0s.local.LocalDigests;
import io.clusterfactory.cfctl.k0s.model.K0sBinaryDownload;
import io.clusterfactory.cfctl.k0s.model.K0sVersion;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.RemoteSha256;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import io.clusterfactory.cfctl.k0s.ssh.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the target k0s binary at each host's k0sInstallPath: uploaded from k0sBinaryPath (or, with
 * {@code apply --bundle}, the air-gap bundle's binary for the host's architecture; at most {@code
 * uploads} at once, skipped when the host has the same sha256) or downloaded by the host from
 * k0sDownloadURL (skipped when the installed binary is the target version). Either way the bytes
 * land under a temporary name next to the destination, are checked, then renamed, so a running k0s
 * is never overwritten in place. Nothing is staged in a dry run.
 */
public final class StageK0sBinary implements Phase<HostsContext> {
  public static final String DEFAULT_DOWNLOAD_URL = K0sBinaryDownload.DEFAULT_URL;
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

  /** From this many hosts on, the binary is uploaded once and copied between hosts. */
  static final int PEER_COPY_MIN_HOSTS = 3;

  /**
   * Where the first host serves the binary from ({@code <prefix><run id>}, with the server's pid
   * file): removed at the end of the fan-out, or by the next run when this one was killed.
   */
  public static final String SEED_DIR_PREFIX = "/run/cfctl-seed-";

  /** The peer server stops on its own after this, even when cfctl dies. */
  private static final Duration PEER_SERVER_LIFETIME = Duration.ofMinutes(15);

  /** Each local binary's sha256 and size, computed once however many hosts receive it. */
  private final Map<String, FileDigest> localBinaries = new ConcurrentHashMap<>();

  private final LocalDigests digests;
  private List<HostState> targets = List.of();

  public StageK0sBinary() {
    this(LocalDigests.standard());
  }

  /** With the digest cache to use; the default is the user's (see {@link LocalDigests}). */
  public StageK0sBinary(LocalDigests digests) {
    this.digests = digests;
  }

  @Override
  public String title() {
    return "Stage k0s binaries on hosts";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> h.connected() && !h.spec().reset() && needsBinary(ctx, h));
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  boolean needsBinary(HostsContext ctx, HostState h) {
    if (Boolean.TRUE.equals(h.spec().useExistingK0s())) {
      if (!h.binaryPresent()) {
        throw new InvalidInputException(
            h.name() + ": useExistingK0s is set but there is no k0s at " + h.k0sPath(),
            "put the binary there, or remove useExistingK0s");
      }
      return false;
    }
    String binary = binaryPath(ctx, h);
    if (binary != null) {
      return !local(binary).sha256().equals(h.binarySha256());
    }
    return !ctx.targetVersion().equals(h.binaryVersion());
  }

  @Override
  public void run(HostsContext ctx) {
    List<HostState> downloads = targets.stream().filter(h -> binaryPath(ctx, h) == null).toList();
    ctx.each("staging the k0s binary", downloads, h -> stage(ctx, h, null));
    Map<String, List<HostState>> byBinary = new TreeMap<>();
    for (HostState h : targets) {
      String binary = binaryPath(ctx, h);
      if (binary != null) {
        byBinary.computeIfAbsent(binary, p -> new ArrayList<>()).add(h);
      }
    }
    for (List<HostState> group : byBinary.values()) {
      if (ctx.dryRun() || group.size() < PEER_COPY_MIN_HOSTS) {
        ctx.each("uploading the k0s binary", group, h -> stage(ctx, h, null));
      } else {
        fanOut(ctx, group);
      }
    }
  }

  /**
   * Uploads the binary once, to the first host, which then serves it over plain HTTP on its private
   * address for the others to fetch (each checks the sha256 before renaming it into place, and
   * falls back to a direct upload). This machine's link and SSH cipher carry the bytes once instead
   * of once per host, so staging 20 hosts costs little more than staging one.
   */
  private void fanOut(HostsContext ctx, List<HostState> group) {
    HostState seed = group.get(0);
    stage(ctx, seed, null);
    String dir = SEED_DIR_PREFIX + ctx.runId();
    String url = startPeerServer(ctx, seed, dir);
    try {
      ctx.each("staging the k0s binary", group.subList(1, group.size()), h -> stage(ctx, h, url));
    } finally {
      if (url != null) {
        ctx.guard()
            .housekeeping(
                seed.name(),
                "stop serving the k0s binary to peers",
                () -> seed.remote().exec("kill $(cat " + dir + "/pid) 2>/dev/null; rm -rf " + dir));
      }
    }
  }

  /** Starts a short-lived HTTP server for the binary on the seed; null when it cannot. */
  private static String startPeerServer(HostsContext ctx, HostState seed, String dir) {
    String address = seed.privateAddress();
    if (address == null) {
      return null;
    }
    String server =
        "import functools,http.server,sys\n"
            + "class H(http.server.SimpleHTTPRequestHandler):\n"
            + " def log_message(self,*a): pass\n"
            + " def copyfile(self,src,dst): self.connection.sendfile(src)\n"
            + "h=functools.partial(H,directory=sys.argv[1])\n"
            + "s=http.server.ThreadingHTTPServer((sys.argv[2],0),h)\n"
            + "print(s.server_address[1],flush=True)\n"
            + "s.serve_forever()\n";
    String script =
        "command -v python3 >/dev/null || exit 3; d="
            + dir
            + "; mkdir -p $d && ln -sf "
            + ShellQuote.quote(seed.k0sPath())
            + " $d/k0s && printf '"
            + server.replace("%", "%%")
            + "' > $d/serve.py && (setsid timeout "
            + PEER_SERVER_LIFETIME.toSeconds()
            + " python3 $d/serve.py $d "
            + ShellQuote.quote(address)
            + " > $d/port 2>/dev/null < /dev/null & echo $! > $d/pid)"
            + "; for i in $(seq 1 50); do [ -s $d/port ] && break; sleep 0.1; done; cat $d/port";
    String[] port = new String[1];
    try {
      ctx.guard()
          .housekeeping(
              seed.name(),
              "serve the k0s binary to peers",
              () -> port[0] = seed.remote().exec(script).stdout().strip());
    } catch (RuntimeException e) {
      return null;
    }
    return port[0] == null || !port[0].matches("\\d+")
        ? null
        : "http://"
            + (address.contains(":") ? "[" + address + "]" : address)
            + ":"
            + port[0]
            + "/k0s";
  }

  /**
   * Fetches the binary from a peer, checks its sha256, renames it into place. The file is hashed
   * after the download rather than through a {@code tee} pipe: two fewer copies of every byte,
   * which counts when twenty hosts share a machine's CPUs in the lab.
   */
  private static boolean fetchFromPeer(HostState h, String url, String sha256) {
    String tmp = ShellQuote.quote(TempFiles.next(h.k0sPath()));
    String script =
        "command -v curl >/dev/null || exit 3; mkdir -p "
            + ShellQuote.quote(Path.of(h.k0sPath()).getParent().toString())
            + " && curl -sSf --max-time 600 -o "
            + tmp
            + " "
            + ShellQuote.quote(url)
            + " && got=$("
            + RemoteSha256.digestOf(tmp)
            + ") && [ \"$got\" = "
            + sha256
            + " ] && chmod 0755 "
            + tmp
            + " && mv -f "
            + tmp
            + " "
            + ShellQuote.quote(h.k0sPath())
            + " && "
            + BinaryChecksum.recordScript(h.k0sPath(), sha256)
            + " || { rm -f "
            + tmp
            + "; exit 1; }";
    return h.remote().exec(script).ok();
  }

  private void stage(HostsContext ctx, HostState h, String peerUrl) {
    boolean replacing = h.running();
    String binary = binaryPath(ctx, h);
    if (binary != null) {
      FileDigest bin = local(binary);
      ctx.guard()
          .mutate(
              h.name(),
              String.format(
                  "%s k0s binary %s (%.1f MB, sha256 %s) to %s",
                  peerUrl == null ? "upload" : "copy (from a peer host, else upload)",
                  bin.path(),
                  bin.size() / 1e6,
                  bin.sha256().substring(0, 12),
                  h.k0sPath()),
              () -> {
                if (peerUrl == null || !fetchFromPeer(h, peerUrl, bin.sha256())) {
                  ctx.uploadSlots().acquire();
                  TransferListener progress = ctx.options().transfers();
                  progress.started(h.name(), "k0s binary", bin.size());
                  try (InputStream in =
                      new ProgressInputStream(
                          Files.newInputStream(bin.path()),
                          sent -> progress.progressed(h.name(), sent))) {
                    h.remote().upload(in, bin.size(), h.k0sPath(), 0755);
                  } finally {
                    progress.finished(h.name());
                    ctx.uploadSlots().release();
                  }
                  K0sCommands.must(
                      h,
                      "recording the binary's checksum",
                      BinaryChecksum.recordScript(h.k0sPath(), bin.sha256()));
                }
                h.binarySha256(bin.sha256());
                h.binaryPresent(true);
                return null;
              });
    } else {
      String url = downloadUrl(h, ctx.targetVersion());
      ctx.guard()
          .mutate(
              h.name(),
              "download k0s " + ctx.targetVersion() + " from " + url + " to " + h.k0sPath(),
              () -> {
                download(h, url, ctx.targetVersion());
                return null;
              });
    }
    if (!ctx.dryRun()) {
      h.binaryVersion(ctx.targetVersion());
      h.binaryPresent(true);
    }
    if (replacing) {
      h.binaryChanged(true);
      h.needsUpgrade(true);
    }
  }

  /**
   * curl to a temporary name next to the binary, check it, rename over the binary. The check: the
   * sha256 listed for the file in {@code sha256sums.txt} beside it, which every k0s release
   * publishes ({@code sha256sum -b} format), and the version the binary reports. A mirror without
   * that file (a custom k0sDownloadURL) gets the version check alone.
   */
  private static void download(HostState h, String url, K0sVersion target) {
    String tmp = TempFiles.next(h.k0sPath());
    String q = ShellQuote.quote(tmp);
    String sums = url.substring(0, url.lastIndexOf('/') + 1) + CHECKSUMS_FILE;
    String asset = url.substring(url.lastIndexOf('/') + 1);
    String command =
        "mkdir -p "
            + ShellQuote.quote(Path.of(h.k0sPath()).getParent().toString())
            + " && curl -sSLf --retry 3 -o "
            + q
            + " "
            + ShellQuote.quote(url)
            + " && { "
            + checksumScript(sums, asset, q)
            + "; } && chmod 0755 "
            + q
            + " && v=$("
            + q
            + " version) && if [ \"$v\" != "
            + ShellQuote.quote(target.toString())
            + " ]; then echo \"downloaded binary reports version $v\" >&2; rm -f "
            + q
            + "; exit 1; fi && mv -f "
            + q
            + " "
            + ShellQuote.quote(h.k0sPath())
            + " && "
            + BinaryChecksum.recordScript(
                h.k0sPath(), "$(" + RemoteSha256.digestOf(ShellQuote.quote(h.k0sPath())) + ")")
            + " || { rm -f "
            + q
            + "; exit 1; }";
    h.remote()
        .exec(command, ExecOptions.defaults().withTimeout(DOWNLOAD_TIMEOUT))
        .orThrow(h.name() + ": downloading k0s from " + url);
  }

  /** The name of the checksum list next to each k0s release asset. */
  static final String CHECKSUMS_FILE = K0sBinaryDownload.CHECKSUMS_FILE;

  /**
   * Shell that fails (with a message) when {@code sums} lists {@code asset} with another sha256
   * than the file {@code quotedFile} has; succeeds when they match or when there is no such list.
   */
  static String checksumScript(String sums, String asset, String quotedFile) {
    return "sums=$(curl -sSLf --retry 2 "
        + ShellQuote.quote(sums)
        + " 2>/dev/null || true); want=$(printf '%s\\n' \"$sums\" | awk -v f="
        + ShellQuote.quote(asset)
        + " '{n=$2; sub(/^\\*/, \"\", n)} n == f {print $1; exit}'); if [ -n \"$want\" ]; then"
        + " got=$("
        + RemoteSha256.digestOf(quotedFile)
        + "); if [ \"$got\" != \"$want\" ]; then echo \"checksum mismatch: "
        + asset
        + " has sha256 $got, "
        + CHECKSUMS_FILE
        + " lists $want\" >&2; false; fi; fi";
  }

  /**
   * The local binary uploaded to {@code h}: its k0sBinaryPath, else with {@code --bundle} the
   * bundle's binary for the host's architecture; null when the host downloads k0s itself.
   */
  static String binaryPath(HostsContext ctx, HostState h) {
    if (h.spec().k0sBinaryPath() != null) {
      return h.spec().k0sBinaryPath();
    }
    OpenedBundle bundle = ctx.airgap();
    if (bundle == null) {
      return null;
    }
    return bundle
        .k0sBinary(h.arch())
        .map(Path::toString)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    h.name()
                        + " is "
                        + h.arch()
                        + ": the air-gap bundle "
                        + bundle.dir()
                        + " holds k0s for "
                        + bundle.manifest().architectures()
                        + " only",
                    "make the bundle again with --arch "
                        + String.join(",", bundle.manifest().architectures())
                        + ","
                        + h.arch()));
  }

  static String downloadUrl(HostState h, K0sVersion version) {
    return K0sBinaryDownload.url(h.spec().k0sDownloadUrl(), version.toString(), h.arch());
  }

  FileDigest local(String path) {
    return localBinaries.computeIfAbsent(path, p -> hash(Path.of(p)));
  }

  /**
   * The binary's sha256: from the digest cache when the file is unchanged since it was last hashed
   * (a no-op re-apply then reads no byte of it), else read and hashed.
   */
  private FileDigest hash(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          "k0sBinaryPath " + path + " is not a file", "point k0sBinaryPath at a k0s binary");
    }
    try {
      return digests.digest(path);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    }
  }
}

package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.k0s.K0sVersion;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the target k0s binary at each host's k0sInstallPath: uploaded from k0sBinaryPath (at most
 * {@code uploads} at once, skipped when the host has the same sha256) or downloaded by the host
 * from k0sDownloadURL (skipped when the installed binary is the target version). Either way the
 * bytes land under a temporary name next to the destination, are checked, then renamed, so a
 * running k0s is never overwritten in place. Nothing is staged in a dry run.
 */
public final class StageK0sBinary implements Phase<HostsContext> {
  public static final String DEFAULT_DOWNLOAD_URL =
      "https://github.com/k0sproject/k0s/releases/download/%v/k0s-%v-%p%x";
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

  private final Map<String, LocalBinary> localBinaries = new ConcurrentHashMap<>();
  private List<HostState> targets = List.of();

  /** A local binary: its sha256 and size, computed once however many hosts receive it. */
  record LocalBinary(Path path, String sha256, long size) {}

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
    if (h.spec().k0sBinaryPath() != null) {
      return !local(h.spec().k0sBinaryPath()).sha256().equals(h.binarySha256());
    }
    return !ctx.targetVersion().equals(h.binaryVersion());
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each("staging the k0s binary", targets, h -> stage(ctx, h));
  }

  private void stage(HostsContext ctx, HostState h) {
    boolean replacing = h.running();
    if (h.spec().k0sBinaryPath() != null) {
      LocalBinary bin = local(h.spec().k0sBinaryPath());
      ctx.guard()
          .mutate(
              h.name(),
              String.format(
                  "upload k0s binary %s (%.1f MB, sha256 %s) to %s",
                  bin.path(), bin.size() / 1e6, bin.sha256().substring(0, 12), h.k0sPath()),
              () -> {
                ctx.uploads().acquire();
                try {
                  h.remote().upload(bin.path(), h.k0sPath(), 0755);
                } finally {
                  ctx.uploads().release();
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

  /** curl to a temporary name next to the binary, check its version, rename over the binary. */
  private static void download(HostState h, String url, K0sVersion target) {
    String tmp = h.k0sPath() + ".cfctl-download";
    String q = ShellQuote.quote(tmp);
    String command =
        "mkdir -p "
            + ShellQuote.quote(Path.of(h.k0sPath()).getParent().toString())
            + " && curl -sSLf --retry 3 -o "
            + q
            + " "
            + ShellQuote.quote(url)
            + " && chmod 0755 "
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
            + " || { rm -f "
            + q
            + "; exit 1; }";
    h.remote()
        .exec(command, ExecOptions.defaults().withTimeout(DOWNLOAD_TIMEOUT))
        .orThrow(h.name() + ": downloading k0s from " + url);
  }

  static String downloadUrl(HostState h, K0sVersion version) {
    String template =
        h.spec().k0sDownloadUrl() == null ? DEFAULT_DOWNLOAD_URL : h.spec().k0sDownloadUrl();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '%' && i + 1 < template.length()) {
        char t = template.charAt(++i);
        switch (t) {
          case 'v' -> out.append(version);
          case 'p' -> out.append(h.arch());
          case 'x' -> out.append("");
          case '%' -> out.append('%');
          default -> out.append('%').append(t);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  LocalBinary local(String path) {
    return localBinaries.computeIfAbsent(path, p -> hash(Path.of(p)));
  }

  static LocalBinary hash(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          "k0sBinaryPath " + path + " is not a file", "point k0sBinaryPath at a k0s binary");
    }
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      long size = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        size += n;
      }
      return new LocalBinary(path, HexFormat.of().formatHex(digest.digest()), size);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path, e);
    } catch (NoSuchAlgorithmException e) {
      throw new OperationFailedException("no SHA-256 in this JVM", e);
    }
  }
}

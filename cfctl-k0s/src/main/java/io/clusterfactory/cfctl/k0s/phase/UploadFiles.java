package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.UploadFile;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.RemoteSha256;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import io.clusterfactory.cfctl.k0s.ssh.TempFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Uploads the hosts' {@code files:} (inline data, a local file or a folder): a file is sent only
 * when its sha256 differs; mode and owner are corrected when they differ. A URL source is
 * downloaded by the host into a temporary name and renamed only when its content differs.
 */
public final class UploadFiles implements Phase<HostsContext> {

  /** One file to put on a host. */
  /**
   * One file to put on a host.
   *
   * @param dirMode the mode of the destination's folder (files[].dirPerm), null to leave it as it
   *     is (a missing one is created 0755)
   */
  record Wanted(
      String label,
      String dst,
      byte[] content,
      Path local,
      String url,
      int mode,
      String owner,
      Integer dirMode) {}

  private List<HostState> targets = List.of();

  @Override
  public String title() {
    return "Upload files to hosts";
  }

  @Override
  public void prepare(HostsContext ctx) {
    targets = ctx.hosts(h -> h.connected() && !h.spec().reset() && !h.spec().files().isEmpty());
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !targets.isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    ctx.each(
        "uploading files",
        targets,
        h -> {
          for (UploadFile f : h.spec().files()) {
            for (Wanted w : expand(h, f)) {
              put(ctx, h, w);
            }
          }
        });
  }

  static List<Wanted> expand(HostState h, UploadFile f) {
    String owner =
        f.user() == null && f.group() == null
            ? null
            : (f.user() == null ? "" : f.user()) + (f.group() == null ? "" : ":" + f.group());
    String label = f.name() != null ? f.name() : f.src() != null ? f.src() : f.dst();
    Integer dirMode = f.dirPerm() == null ? null : mode(f.dirPerm(), 0755, "dirPerm");
    List<Wanted> out = new ArrayList<>();
    if (f.data() != null) {
      String dst = f.dst() != null ? f.dst() : join(f.dstDir(), f.name());
      out.add(
          new Wanted(
              label,
              dst,
              f.data().getBytes(StandardCharsets.UTF_8),
              null,
              null,
              mode(f.perm(), 0644),
              owner,
              dirMode));
      return out;
    }
    if (f.src() == null) {
      throw new InvalidInputException(h.name() + ": file " + label + " has neither src nor data");
    }
    if (f.src().contains("://")) {
      String name = f.src().substring(f.src().lastIndexOf('/') + 1);
      String dst = f.dst() != null ? f.dst() : join(f.dstDir(), name);
      out.add(new Wanted(label, dst, null, null, f.src(), mode(f.perm(), 0644), owner, dirMode));
      return out;
    }
    Path src = Path.of(f.src());
    if (Files.isDirectory(src)) {
      try (Stream<Path> walk = Files.walk(src)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          String rel = src.relativize(p).toString();
          String dir = f.dstDir() != null ? f.dstDir() : f.dst();
          out.add(
              new Wanted(
                  label,
                  join(dir, rel),
                  null,
                  p,
                  null,
                  mode(f.perm(), localMode(p)),
                  owner,
                  dirMode));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + src, e);
      }
      return out;
    }
    if (!Files.isRegularFile(src)) {
      throw new InvalidInputException(
          h.name() + ": file " + label + ": " + src + " does not exist", "fix files[].src");
    }
    String dst = f.dst() != null ? f.dst() : join(f.dstDir(), src.getFileName().toString());
    out.add(
        new Wanted(label, dst, null, src, null, mode(f.perm(), localMode(src)), owner, dirMode));
    return out;
  }

  private static void put(HostsContext ctx, HostState h, Wanted w) {
    if (w.dirMode() != null) {
      ensureDir(ctx, h, w);
    }
    String q = ShellQuote.quote(w.dst());
    ExecResult probe =
        h.remote()
            .exec(
                "[ -f "
                    + q
                    + " ] || exit 0; stat -c '%a %U:%G' "
                    + q
                    + "; "
                    + RemoteSha256.digestOf(q));
    String[] lines =
        probe.orThrow(h.name() + ": inspecting " + w.dst()).stdout().strip().split("\n");
    boolean exists = lines.length == 2;
    String mode = exists ? lines[0].split(" ")[0] : null;
    String owner = exists ? lines[0].split(" ")[1] : null;
    String sha = exists ? lines[1].strip() : null;
    if (w.url() != null) {
      downloadIfChanged(ctx, h, w);
    } else {
      byte[] bytes = w.content() != null ? w.content() : read(w.local());
      if (!sha256(bytes).equals(sha)) {
        ctx.guard()
            .mutate(
                h.name(),
                "upload file " + w.label() + " to " + w.dst() + " (" + bytes.length + " bytes)",
                () -> {
                  h.remote()
                      .upload(new ByteArrayInputStream(bytes), bytes.length, w.dst(), w.mode());
                  return null;
                });
        mode = Integer.toOctalString(w.mode());
      }
    }
    if (exists && mode != null && Integer.parseInt(mode, 8) != w.mode()) {
      String chmod = "chmod " + String.format("%04o", w.mode()) + " " + q;
      ctx.guard()
          .mutate(
              h.name(),
              "set mode of " + w.dst() + ": " + chmod,
              () -> K0sCommands.must(h, "setting the mode of " + w.dst(), chmod));
    }
    if (w.owner() != null && !ownerMatches(owner, w.owner())) {
      String chown = "chown " + ShellQuote.quote(w.owner()) + " " + q;
      ctx.guard()
          .mutate(
              h.name(),
              "set owner of " + w.dst() + ": " + chown,
              () -> K0sCommands.must(h, "setting the owner of " + w.dst(), chown));
    }
  }

  /**
   * Creates the destination's folder with files[].dirPerm, or sets that mode on an existing one
   * (k0sctl's semantics), only when it differs.
   */
  private static void ensureDir(HostsContext ctx, HostState h, Wanted w) {
    int slash = w.dst().lastIndexOf('/');
    String dir = slash <= 0 ? "/" : w.dst().substring(0, slash);
    String q = ShellQuote.quote(dir);
    String octal = String.format("%04o", w.dirMode());
    String current =
        h.remote()
            .exec("[ -d " + q + " ] || exit 0; stat -c '%a' " + q)
            .orThrow(h.name() + ": inspecting " + dir)
            .stdout()
            .strip();
    if (current.isEmpty()) {
      String mkdir = "mkdir -p " + q + " && chmod " + octal + " " + q;
      ctx.guard()
          .mutate(
              h.name(),
              "create folder " + dir + " for " + w.label() + ": " + mkdir,
              () -> K0sCommands.must(h, "creating " + dir, mkdir));
    } else if (Integer.parseInt(current, 8) != w.dirMode()) {
      String chmod = "chmod " + octal + " " + q;
      ctx.guard()
          .mutate(
              h.name(),
              "set mode of folder " + dir + ": " + chmod,
              () -> K0sCommands.must(h, "setting the mode of " + dir, chmod));
    }
  }

  private static boolean ownerMatches(String actual, String wanted) {
    if (actual == null) {
      return false;
    }
    String[] a = actual.split(":");
    String[] w = wanted.split(":", -1);
    boolean userOk = w[0].isEmpty() || w[0].equals(a[0]);
    boolean groupOk = w.length < 2 || w[1].isEmpty() || w[1].equals(a[1]);
    return userOk && groupOk;
  }

  private static void downloadIfChanged(HostsContext ctx, HostState h, Wanted w) {
    String tmp = ShellQuote.quote(TempFiles.next(w.dst()));
    String dst = ShellQuote.quote(w.dst());
    String command =
        "mkdir -p $(dirname "
            + dst
            + ") && curl -sSLf -o "
            + tmp
            + " "
            + ShellQuote.quote(w.url())
            + " && if cmp -s "
            + tmp
            + " "
            + dst
            + "; then rm -f "
            + tmp
            + "; else chmod "
            + String.format("%04o", w.mode())
            + " "
            + tmp
            + " && mv -f "
            + tmp
            + " "
            + dst
            + "; fi";
    ctx.guard()
        .mutate(
            h.name(),
            "download " + w.url() + " to " + w.dst(),
            () -> K0sCommands.must(h, "downloading " + w.url(), command));
  }

  private static String join(String dir, String name) {
    if (dir == null || name == null) {
      throw new InvalidInputException("files[]: give dst, or dstDir and name");
    }
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  static int mode(String perm, int fallback) {
    return mode(perm, fallback, "perm");
  }

  private static int mode(String perm, int fallback, String field) {
    if (perm == null || perm.isBlank()) {
      return fallback;
    }
    try {
      int m = Integer.parseInt(perm.strip(), 8);
      if (m < 0 || m > 07777) {
        throw new NumberFormatException(perm);
      }
      return m;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "files[]." + field + " '" + perm + "' is not an octal mode", "write it like \"0755\"");
    }
  }

  private static int localMode(Path p) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      int m = 0;
      for (PosixFilePermission x : perms) {
        m |= 1 << (8 - x.ordinal());
      }
      return m;
    } catch (IOException | UnsupportedOperationException e) {
      return 0644;
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + p, e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

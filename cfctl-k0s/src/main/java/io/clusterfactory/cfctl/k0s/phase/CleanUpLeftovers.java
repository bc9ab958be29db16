package io.clusterfactory.cfctl.k0s.phase;

import io.clusterfactory.cfctl.core.config.v1beta1.UploadFile;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.commands.JoinTokens;
import io.clusterfactory.cfctl.k0s.commands.K0sCommands;
import io.clusterfactory.cfctl.k0s.commands.TokenRecord;
import io.clusterfactory.cfctl.k0s.model.ContainerdMirrors;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import io.clusterfactory.cfctl.k0s.ssh.TempFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what an earlier run left when it was killed before it could clean up after itself: its
 * temporary files ({@link TempFiles}: in the k0s binary's folder, /etc/k0s, the data dir and the
 * folders of {@code files:}), the folder and the server of a binary fan-out ({@code
 * /run/cfctl-seed-*}), the join tokens it created (every id in a {@link TokenRecord} that the
 * cluster still lists is invalidated on the leader) and a token file still holding a token. Runs
 * under the host lock and before the first change, so no other run's files are touched; in a dry
 * run it only lists what it would remove.
 */
public final class CleanUpLeftovers implements Phase<HostsContext> {
  private static final Logger logger = LoggerFactory.getLogger(CleanUpLeftovers.class);
  private static final Pattern SEED =
      Pattern.compile(
          "("
              + Pattern.quote(StageK0sBinary.SEED_DIR_PREFIX)
              + "|"
              + Pattern.quote(TakeK0sBackup.DIR_PREFIX)
              + ")[A-Za-z0-9._-]+");

  @Override
  public String title() {
    return "Clean up what interrupted runs left";
  }

  @Override
  public boolean shouldRun(HostsContext ctx) {
    return !ctx.hosts(HostState::connected).isEmpty();
  }

  @Override
  public void run(HostsContext ctx) {
    Map<HostState, List<String>> records = new LinkedHashMap<>();
    ctx.each(
        "cleaning up leftovers",
        ctx.hosts(HostState::connected),
        h -> {
          List<String> ids = cleanUp(ctx, h);
          if (!ids.isEmpty()) {
            synchronized (records) {
              records.put(h, ids);
            }
          }
        });
    for (HostState h : ctx.hosts(HostState::connected)) {
      if (records.containsKey(h)) {
        invalidate(ctx, h, records.get(h));
      }
    }
  }

  /** Removes the host's leftover files; returns the token ids recorded on it. */
  private static List<String> cleanUp(HostsContext ctx, HostState h) {
    String tokenFile = h.configurer().joinTokenPath();
    String script =
        "echo '@@cfctl temp'; "
            + TempFiles.findScript(folders(h))
            + "; echo '@@cfctl seed'; "
            + TempFiles.listScript(
                List.of(
                    ShellQuote.quote(StageK0sBinary.SEED_DIR_PREFIX) + "*",
                    ShellQuote.quote(TakeK0sBackup.DIR_PREFIX) + "*"),
                true)
            + "; echo '@@cfctl token'; if [ -f "
            + ShellQuote.quote(tokenFile)
            + " ] && ! grep -qxF "
            + ShellQuote.quote(JoinTokens.USED_TOKEN.strip())
            + " "
            + ShellQuote.quote(tokenFile)
            + "; then echo live; fi; echo '@@cfctl tokens'; cat "
            + ShellQuote.quote(TokenRecord.path(h))
            + " 2>/dev/null; true";
    Map<String, String> found =
        GatherK0sFacts.sections(K0sCommands.must(h, "looking for leftovers", script));
    for (String path : lines(found.get("temp"))) {
      if (!TempFiles.isTemp(path)) {
        continue;
      }
      String q = ShellQuote.quote(path);
      ctx.guard()
          .mutate(
              h.name(),
              "remove " + path + " (a temporary file an interrupted cfctl run left)",
              () -> K0sCommands.must(h, "removing " + path, "rm -f -- " + q));
    }
    for (String dir : lines(found.get("seed"))) {
      if (!SEED.matcher(dir).matches()) {
        continue;
      }
      String q = ShellQuote.quote(dir);
      ctx.guard()
          .mutate(
              h.name(),
              dir.startsWith(TakeK0sBackup.DIR_PREFIX)
                  ? "remove " + dir + " (the k0s backup folder an interrupted cfctl backup left)"
                  : "stop the binary server an interrupted cfctl run left and remove " + dir,
              () ->
                  K0sCommands.must(
                      h,
                      "removing " + dir,
                      "[ -f "
                          + q
                          + "/pid ] && kill $(cat "
                          + q
                          + "/pid) 2>/dev/null; rm -rf -- "
                          + q));
    }
    if (found.getOrDefault("token", "").strip().equals("live")) {
      ctx.guard()
          .mutate(
              h.name(),
              "overwrite the join token an interrupted cfctl run left in " + tokenFile,
              () ->
                  K0sCommands.must(
                      h,
                      "overwriting the leftover join token",
                      "printf '%s' "
                          + ShellQuote.quote(JoinTokens.USED_TOKEN)
                          + " > "
                          + ShellQuote.quote(tokenFile)));
    }
    return TokenRecord.ids(found.get("tokens"));
  }

  /**
   * Invalidates, on the leader, the recorded tokens the cluster still lists, and forgets the
   * record. Without a running leader nothing can be invalidated (nor joined with): the record stays
   * for the next run.
   */
  private static void invalidate(HostsContext ctx, HostState h, List<String> ids) {
    HostState leader = ctx.leaderOrNull();
    if (leader == null || !leader.running()) {
      logger.warn(
          "{}: join tokens {} of an interrupted run stay recorded: no running controller to"
              + " invalidate them on; the next run does",
          h.name(),
          ids);
      return;
    }
    Set<String> listed =
        words(
            K0sCommands.must(leader, "listing join tokens", K0sCommands.k0s(leader, "token list")));
    List<String> live = new ArrayList<>(ids.stream().filter(listed::contains).toList());
    String forget = TokenRecord.forgetScript(h, ids);
    if (live.isEmpty()) {
      ctx.guard()
          .mutate(
              h.name(),
              "forget the join tokens "
                  + String.join(", ", ids)
                  + " (already gone) in "
                  + TokenRecord.path(h),
              () -> K0sCommands.must(h, "updating the token record", forget));
      return;
    }
    ctx.guard()
        .mutate(
            leader.name(),
            "invalidate the join token"
                + (live.size() == 1 ? " " : "s ")
                + String.join(", ", live)
                + " an interrupted cfctl run created",
            () -> {
              K0sCommands.must(
                  leader,
                  "invalidating leftover join tokens",
                  K0sCommands.k0s(leader, "token invalidate " + String.join(" ", live)));
              return K0sCommands.must(h, "updating the token record", forget);
            });
  }

  /**
   * The folders cfctl writes into on {@code h}: where its temporary files can be. A folder that
   * {@code files:} no longer names is not looked at.
   */
  static List<String> folders(HostState h) {
    TreeSet<String> folders = new TreeSet<>();
    folders.add(parent(h.k0sPath()));
    folders.add(parent(h.configurer().k0sConfigPath()));
    folders.add(parent(h.configurer().joinTokenPath()));
    folders.add(h.dataDir());
    folders.add(ContainerdMirrors.DROP_IN_DIR);
    for (UploadFile f : h.spec().files()) {
      try {
        for (UploadFiles.Wanted w : UploadFiles.expand(h, f)) {
          folders.add(parent(w.dst()));
        }
      } catch (RuntimeException e) {
        // an entry that does not expand is reported by UploadFiles; its folder is unknown here
        logger.debug("{}: files entry not expanded: {}", h.name(), e.getMessage());
      }
    }
    return List.copyOf(folders);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static List<String> lines(String text) {
    return text == null
        ? List.of()
        : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** Every word of {@code k0s token list}'s output, whatever its table layout. */
  private static Set<String> words(String text) {
    Set<String> words = new TreeSet<>();
    for (String w : text.split("[\\s|]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }
}

package io.clusterfactory.cfctl.k0s.commands;

import io.clusterfactory.cfctl.k0s.HostState;
import io.clusterfactory.cfctl.k0s.HostsContext;
import io.clusterfactory.cfctl.k0s.model.JoinToken;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a short-lived join token on the leader, hands it to hosts through a 0600 token file, and
 * invalidates it when they are done (even when one failed); the used token file is then
 * overwritten. The token's id is recorded on the leader until it is invalidated ({@link
 * TokenRecord}), so a token a killed run created is invalidated by the next run.
 */
public final class JoinTokens {
  private static final Logger logger = LoggerFactory.getLogger(JoinTokens.class);
  public static final String USED_TOKEN = "# join token used by cfctl and invalidated\n";

  private JoinTokens() {}

  public static void withToken(
      HostsContext ctx,
      String role,
      String expiry,
      List<HostState> hosts,
      BiConsumer<HostState, String> install) {
    HostState leader = ctx.leader();
    String token =
        ctx.guard()
            .mutate(
                leader.name(),
                "create a " + role + " join token (expires in " + expiry + ")",
                "",
                () ->
                    leader
                        .remote()
                        .exec(
                            TokenRecord.createScript(leader, role, expiry),
                            ExecOptions.defaults().redacted())
                        .orThrow(leader.name() + ": creating a " + role + " join token")
                        .stdout()
                        .strip());
    try {
      ctx.each(
          "installing " + role + "s",
          hosts,
          h -> {
            install.accept(h, token);
            String path = h.configurer().joinTokenPath();
            ctx.guard()
                .mutate(
                    h.name(),
                    "overwrite the used join token " + path,
                    () ->
                        K0sCommands.must(
                            h,
                            "overwriting the used join token",
                            "printf '%s' "
                                + ShellQuote.quote(USED_TOKEN)
                                + " > "
                                + ShellQuote.quote(path)));
          });
    } finally {
      invalidate(ctx, leader, role, token);
    }
  }

  private static void invalidate(HostsContext ctx, HostState leader, String role, String token) {
    if (ctx.dryRun()) {
      ctx.guard().mutate(leader.name(), "invalidate the " + role + " join token", () -> null);
      return;
    }
    Optional<String> id = JoinToken.id(token).filter(TokenRecord::isId);
    if (id.isEmpty()) {
      logger.warn(
          "{}: cannot read the id of the {} join token; it expires on its own",
          leader.name(),
          role);
      return;
    }
    try {
      ctx.guard()
          .mutate(
              leader.name(),
              "invalidate the " + role + " join token " + id.get(),
              () ->
                  K0sCommands.must(
                      leader,
                      "invalidating the join token",
                      TokenRecord.invalidateScript(leader, id.get())));
    } catch (RuntimeException e) {
      logger.warn(
          "{}: could not invalidate join token {}: {}", leader.name(), id.get(), e.getMessage());
    }
  }
}

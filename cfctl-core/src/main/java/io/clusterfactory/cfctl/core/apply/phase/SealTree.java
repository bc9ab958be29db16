package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.TreeSealing;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.secrets.SecretInputs;
import io.clusterfactory.cfctl.core.secrets.TreeSealer;

/**
 * Seals every secret of the rendered tree with the controller's certificate (the file in
 * cluster.yaml, else fetched through the API). Before anything changes, apply also resolves every
 * secret input even when there is no certificate yet (a new cluster): an unset input exits 2 here,
 * not after the hosts were changed.
 */
public final class SealTree implements Phase<ClusterContext> {
  @Override
  public String title() {
    return "Seal the tree's secrets";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.rendered();
  }

  @Override
  public void run(ClusterContext ctx) {
    TreeSealing.Sealed sealed =
        ctx.sealing().seal(ctx.config(), ctx.tree(), ctx.client(), ctx.previous()::file);
    ctx.sealed(sealed);
    sealed.notes().forEach(ctx::note);
    if (ctx.command() == Command.APPLY
        && sealed.sealedObjects().isEmpty()
        && !ctx.tree().secrets().isEmpty()) {
      TreeSealer.checkInputs(
          ctx.tree(), SecretInputs.fromProcessEnvironment(ctx.config().baseDir()));
    }
  }
}

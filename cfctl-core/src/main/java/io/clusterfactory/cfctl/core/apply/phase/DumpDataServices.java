package io.clusterfactory.cfctl.core.apply.phase;

import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.backup.DataDumps;
import io.clusterfactory.cfctl.core.backup.DataService;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * backup {@code --include}: each data service named is dumped inside its running pod and the
 * checked dump added to the archive. A dry run names the pod and the command, and runs nothing.
 */
public final class DumpDataServices implements Phase<ClusterContext> {
  private static final Logger logger = LoggerFactory.getLogger(DumpDataServices.class);

  @Override
  public String title() {
    return "Dump the data services";
  }

  @Override
  public boolean shouldRun(ClusterContext ctx) {
    return ctx.backup() != null && !ctx.backup().request().include().isEmpty();
  }

  @Override
  public void run(ClusterContext ctx) {
    if (ctx.kubeconfig() == null) {
      throw new UnreachableException(
          "api",
          "no API to dump "
              + String.join(
                  ", ", ctx.backup().request().include().stream().map(DataService::key).toList())
              + " through: "
              + (ctx.clusterMissing() != null ? ctx.clusterMissing() : "no kubeconfig"),
          null);
    }
    for (DataService service : ctx.backup().request().include()) {
      String pod = DataDumps.podOf(ctx.client(), ctx.calls(), service);
      ctx.guard()
          .mutate(
              service.namespace() + "/" + pod,
              "dump " + service.key() + " (" + service.summary() + ") into " + service.entry(),
              () -> {
                byte[] dump = DataDumps.dump(ctx.client(), ctx.calls(), service, pod);
                ctx.backup().add(service.entry(), dump);
                logger.info(
                    "    {}: {} bytes from {}/{}",
                    service.key(),
                    dump.length,
                    service.namespace(),
                    pod);
                return null;
              });
    }
  }
}

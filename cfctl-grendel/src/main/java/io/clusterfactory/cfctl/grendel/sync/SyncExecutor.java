package io.clusterfactory.cfctl.grendel.sync;

import io.clusterfactory.cfctl.grendel.api.GrendelClient;
import io.clusterfactory.cfctl.grendel.model.GrendelHost;
import io.clusterfactory.cfctl.grendel.model.GrendelImage;
import io.clusterfactory.cfctl.grendel.nodeset.NodeSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link SyncPlan} in batches: images first (upstream Grendel refuses nodes whose boot
 * image does not exist), then nodes, then node deletes, then image deletes. Stops at the first
 * failed request, leaving earlier batches applied; rerunning the sync continues from there.
 */
public final class SyncExecutor {
  private static final Logger logger = LoggerFactory.getLogger(SyncExecutor.class);

  private SyncExecutor() {}

  public static SyncResult apply(SyncPlan plan, GrendelClient client, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    int requests = 0;
    List<GrendelImage> images = plan.imagesToUpsert();
    for (int from = 0; from < images.size(); from += batchSize) {
      List<GrendelImage> batch = images.subList(from, Math.min(images.size(), from + batchSize));
      logger.info(
          "Grendel: upserting images {}-{} of {}", from + 1, from + batch.size(), images.size());
      client.upsertImages(batch);
      requests++;
    }
    List<GrendelHost> nodes = plan.nodesToUpsert();
    for (int from = 0; from < nodes.size(); from += batchSize) {
      List<GrendelHost> batch = nodes.subList(from, Math.min(nodes.size(), from + batchSize));
      logger.info(
          "Grendel: upserting nodes {}-{} of {}", from + 1, from + batch.size(), nodes.size());
      client.upsertNodes(batch);
      requests++;
    }
    for (NodeSet batch : plan.nodesToDelete().split(batchSize)) {
      logger.info("Grendel: deleting nodes {}", batch.fold());
      client.deleteNodes(batch);
      requests++;
    }
    List<String> deletedImages = plan.imagesToDelete();
    for (int from = 0; from < deletedImages.size(); from += batchSize) {
      List<String> batch =
          deletedImages.subList(from, Math.min(deletedImages.size(), from + batchSize));
      logger.info("Grendel: deleting images {}", String.join(",", batch));
      client.deleteImages(batch);
      requests++;
    }
    return new SyncResult(
        images.size(), deletedImages.size(), nodes.size(), plan.nodesToDelete().size(), requests);
  }
}

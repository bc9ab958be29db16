package io.clusterfactory.cfctl.grendel.sync;

/**
 * What {@link SyncExecutor#apply} changed on the server. {@code requests} counts batched client
 * calls (the legacy API sends one HTTP request per image inside an image-delete call).
 */
public record SyncResult(
    int imagesUpserted, int imagesDeleted, int nodesUpserted, int nodesDeleted, int requests) {}

package io.clusterfactory.cfctl.grendel.sync;

/** What {@link SyncExecutor#apply} changed on the server, and in how many API requests. */
public record SyncResult(
    int imagesUpserted, int imagesDeleted, int nodesUpserted, int nodesDeleted, int requests) {}

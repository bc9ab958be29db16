package io.clusterfactory.cfctl.core.config.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public record UploadFile(
    @JsonPropertyDescription("Name used in logs") String name,
    @JsonPropertyDescription("Local path, glob or URL (relative to cluster.yaml)") String src,
    @JsonPropertyDescription("Inline content instead of src") String data,
    @JsonPropertyDescription("Destination file") String dst,
    @JsonPropertyDescription("Destination directory") String dstDir,
    @JsonPropertyDescription("File mode, e.g. \"0600\"") String perm,
    @JsonPropertyDescription(
            "Mode of the destination folder, created or set to it (without: a missing folder is"
                + " created 0755)")
        String dirPerm,
    String user,
    String group) {}

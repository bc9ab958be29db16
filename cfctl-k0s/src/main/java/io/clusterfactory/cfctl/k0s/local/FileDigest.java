package io.clusterfactory.cfctl.k0s.local;

import java.nio.file.Path;

/** The sha256 (lower-case hex) and the size of a local file. */
public record FileDigest(Path path, String sha256, long size) {}

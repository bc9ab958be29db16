package io.clusterfactory.cfctl.k0s.local;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a whole file and computes its sha256; the one part of a digest that costs. */
@FunctionalInterface
public interface Hasher {
  FileDigest digest(Path file) throws IOException;
}

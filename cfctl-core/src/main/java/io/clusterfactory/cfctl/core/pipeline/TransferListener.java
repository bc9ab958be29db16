package io.clusterfactory.cfctl.core.pipeline;

/**
 * Progress of large transfers (k0s binaries to hosts), for the CLI's progress bars. Called from
 * worker threads; implementations must be thread-safe and cheap.
 */
public interface TransferListener {
  TransferListener NONE =
      new TransferListener() {
        @Override
        public void started(String target, String what, long size) {}

        @Override
        public void progressed(String target, long bytes) {}

        @Override
        public void finished(String target) {}
      };

  /** A transfer of {@code size} bytes to {@code target} starts. */
  void started(String target, String what, long size);

  /** {@code bytes} of the transfer to {@code target} have been sent so far. */
  void progressed(String target, long bytes);

  void finished(String target);
}

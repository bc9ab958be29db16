package io.clusterfactory.cfctl.k0s.commands;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports how many bytes were read, at most every 256 KiB, for upload progress bars. */
public final class ProgressInputStream extends FilterInputStream {
  private static final long STEP = 256 * 1024;
  private final LongConsumer report;
  private long read;
  private long reported;

  public ProgressInputStream(InputStream in, LongConsumer report) {
    super(in);
    this.report = report;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  private void advance(long n) {
    read += n;
    if (read - reported >= STEP) {
      reported = read;
      report.accept(read);
    }
  }

  @Override
  public void close() throws IOException {
    report.accept(read);
    super.close();
  }
}

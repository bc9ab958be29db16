package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.pipeline.TransferListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per host while a k0s binary uploads to it, drawn with the progressbar library;
 * used only where {@link WaitProgressBars#wanted} says bars make sense.
 */
public final class UploadProgressBars implements TransferListener {
  private final PrintStream stream;
  private final Map<String, ProgressBar> bars = new ConcurrentHashMap<>();

  public UploadProgressBars(PrintStream stream) {
    this.stream = stream;
  }

  @Override
  public void started(String target, String what, long size) {
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(target)
            .setInitialMax(size)
            .setUnit(" MB", 1_000_000)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setConsumer(new ConsoleProgressBarConsumer(stream))
            .showSpeed()
            .build();
    bar.setExtraMessage(what);
    bars.put(target, bar);
  }

  @Override
  public void progressed(String target, long bytes) {
    ProgressBar bar = bars.get(target);
    if (bar != null) {
      bar.stepTo(bytes);
    }
  }

  @Override
  public void finished(String target) {
    ProgressBar bar = bars.remove(target);
    if (bar != null) {
      bar.close();
    }
  }
}

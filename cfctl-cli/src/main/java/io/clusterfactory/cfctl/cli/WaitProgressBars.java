package io.clusterfactory.cfctl.cli;

import io.clusterfactory.cfctl.core.kube.StackProgress;
import io.clusterfactory.cfctl.core.kube.WaitListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar per stack while cfctl waits for it (ready objects out of all), drawn with the
 * progressbar library. Only used on an interactive terminal with colours allowed; CI, pipes and
 * --no-color get plain log lines instead.
 */
public final class WaitProgressBars implements WaitListener {
  private final PrintStream stream;
  private final Map<String, ProgressBar> bars = new HashMap<>();
  private final Map<String, Map<String, int[]>> components = new HashMap<>();

  public WaitProgressBars(PrintStream stream) {
    this.stream = stream;
  }

  /** Whether bars make sense here: a terminal, colours on, not CI. */
  public static boolean wanted(boolean colour) {
    return colour && System.console() != null && System.getenv("CI") == null;
  }

  @Override
  public synchronized void onProgress(StackProgress p) {
    Map<String, int[]> byComponent = components.computeIfAbsent(p.stack(), s -> new TreeMap<>());
    byComponent.put(p.component(), new int[] {p.ready(), p.total()});
    int ready = byComponent.values().stream().mapToInt(c -> c[0]).sum();
    int total = byComponent.values().stream().mapToInt(c -> c[1]).sum();
    ProgressBar bar =
        bars.computeIfAbsent(
            p.stack(),
            s ->
                new ProgressBarBuilder()
                    .setTaskName("stack " + s)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(stream))
                    .hideEta()
                    .build());
    bar.maxHint(total);
    bar.stepTo(ready);
    bar.setExtraMessage(
        p.notReady().isEmpty() ? p.component() : p.component() + ": " + p.notReady().get(0));
  }

  @Override
  public synchronized void onStackReady(String stack) {
    ProgressBar bar = bars.remove(stack);
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.setExtraMessage("ready");
      bar.close();
    }
  }
}

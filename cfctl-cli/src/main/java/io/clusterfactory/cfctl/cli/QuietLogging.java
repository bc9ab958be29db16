package io.clusterfactory.cfctl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until {@link CliLogging} sets it from the flags, and for the commands
 * that never do: warnings and errors only, on stderr, redacted, the SSH libraries' own kept out.
 * Found by logback through {@code META-INF/services} and written in code, so no XML parser or Joran
 * scan runs at start-up. A {@code -Dlogback.configurationFile} given by a user still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class QuietLogging extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    StderrAppender stderr = new StderrAppender();
    stderr.setContext(ctx);
    stderr.setName("stderr");
    stderr.start();
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The message (and its stack trace, if any) as one line on stderr. */
  static final class StderrAppender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      if (CliLogging.isSshInternal(event.getLoggerName())) {
        return;
      }
      StringBuilder b = new StringBuilder(event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        b.append(System.lineSeparator()).append(ThrowableProxyUtil.asString(thrown));
      }
      System.err.println(CliLogging.redact(b.toString()));
    }
  }
}

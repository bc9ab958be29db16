package io.clusterfactory.cfctl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;

/**
 * Progress and diagnostics go to stderr through SLF4J; stdout is kept for machine output. Level:
 * INFO by default (progress lines), DEBUG with -v, TRACE with -vv or --debug.
 */
public final class CliLogging {
  private CliLogging() {}

  public static void configure(PrintWriter err, int verbosity, boolean color) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern(verbosity > 0 ? "%d{HH:mm:ss.SSS} %-5level %msg%n" : "%msg%n");
    encoder.start();
    WriterAppender appender = new WriterAppender(err, encoder);
    appender.setContext(ctx);
    appender.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    root.setLevel(Level.WARN);
    Logger cfctl = ctx.getLogger("io.clusterfactory.cfctl");
    cfctl.setLevel(verbosity == 0 ? Level.INFO : verbosity == 1 ? Level.DEBUG : Level.TRACE);
  }

  /** Writes formatted events to the command's error writer (so tests capture them). */
  static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter writer;
    private final PatternLayoutEncoder encoder;

    WriterAppender(PrintWriter writer, PatternLayoutEncoder encoder) {
      this.writer = writer;
      this.encoder = encoder;
    }

    @Override
    protected void append(ILoggingEvent event) {
      String line = new String(encoder.encode(event), java.nio.charset.StandardCharsets.UTF_8);
      synchronized (writer) {
        writer.print(line);
        writer.flush();
      }
    }
  }
}

package io.clusterfactory.cfctl.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.clusterfactory.cfctl.core.secrets.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Progress and diagnostics go to stderr through SLF4J; stdout is kept for machine output. Console
 * level: INFO by default (progress lines), DEBUG with -v, TRACE with -vv or --debug. Every run also
 * writes a full trace log (mode 0600, secrets redacted) whose path is printed on failure.
 */
public final class CliLogging {
  private static final int KEPT_LOGS = 20;
  private static volatile Path currentLog;
  private static volatile UnaryOperator<String> redaction = Redactor.global()::redact;

  private CliLogging() {}

  /** The trace log of this run, or null when none could be written. */
  public static Path currentLog() {
    return currentLog;
  }

  /** Installs the function every log line passes through before it is written anywhere. */
  public static void redactWith(UnaryOperator<String> redactor) {
    redaction = redactor;
  }

  /** A line as every log destination writes it: secrets replaced. */
  static String redact(String line) {
    return redaction.apply(line);
  }

  public static void configure(PrintWriter err, int verbosity, boolean color) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    Level consoleLevel = verbosity == 0 ? Level.INFO : verbosity == 1 ? Level.DEBUG : Level.TRACE;
    // Libraries are chatty at INFO; the console shows only cfctl's own progress unless -v.
    WriterAppender console =
        new WriterAppender(
            err,
            encoder(ctx, verbosity > 0 ? "%d{HH:mm:ss.SSS} %-5level %msg%n" : "%msg%n"),
            consoleLevel,
            verbosity > 0);
    console.setContext(ctx);
    console.start();
    root.addAppender(console);
    Logger cfctl = ctx.getLogger("io.clusterfactory.cfctl");
    cfctl.setLevel(Level.TRACE);
    Writer file = openTraceLog();
    if (file != null) {
      WriterAppender trace =
          new WriterAppender(
              new PrintWriter(file, true),
              encoder(ctx, "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n"),
              Level.TRACE,
              true);
      trace.setContext(ctx);
      trace.start();
      root.addAppender(trace);
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  /** A new log per run under the cache folder; the oldest beyond {@value #KEPT_LOGS} removed. */
  private static Writer openTraceLog() {
    try {
      String override = System.getProperty("cfctl.logDir", System.getenv("CFCTL_LOG_DIR"));
      Path dir = override != null ? Path.of(override) : cacheDir().resolve("logs");
      Files.createDirectories(dir);
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
      // A unique name even for several runs in one process (tests) within the same millisecond.
      Path log =
          Files.createTempFile(
              dir,
              "cfctl-" + stamp + "-",
              ".log",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      prune(dir);
      currentLog = log;
      return Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException | UnsupportedOperationException e) {
      currentLog = null;
      return null;
    }
  }

  static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isEmpty()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cfctl");
  }

  private static void prune(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> logs =
          s.filter(p -> p.getFileName().toString().matches("cfctl-.*\\.log"))
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
      for (int i = 0; i < logs.size() - KEPT_LOGS; i++) {
        Files.deleteIfExists(logs.get(i));
      }
    }
  }

  /**
   * The SSH libraries log a failed connection or a rejected host key as their own ERROR, with class
   * names and stack traces, before cfctl reports it in its own words (host:port, what to do): on
   * the console they show only with -v; the trace log keeps them.
   */
  private static final List<String> SSH_INTERNALS =
      List.of("net.schmizz.", "com.hierynomus.", "org.apache.sshd.");

  static boolean isSshInternal(String loggerName) {
    return SSH_INTERNALS.stream().anyMatch(loggerName::startsWith);
  }

  /** Writes formatted, redacted events to a writer (the command's stderr, or the trace log). */
  static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter writer;
    private final PatternLayoutEncoder encoder;
    private final Level threshold;
    private final boolean allLoggers;

    WriterAppender(
        PrintWriter writer, PatternLayoutEncoder encoder, Level threshold, boolean allLoggers) {
      this.writer = writer;
      this.encoder = encoder;
      this.threshold = threshold;
      this.allLoggers = allLoggers;
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (!event.getLevel().isGreaterOrEqual(threshold)) {
        return;
      }
      boolean own = event.getLoggerName().startsWith("io.clusterfactory.cfctl");
      if (!own
          && !allLoggers
          && (!event.getLevel().isGreaterOrEqual(Level.WARN)
              || isSshInternal(event.getLoggerName()))) {
        return;
      }
      String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
      line = redaction.apply(line);
      synchronized (writer) {
        writer.print(line);
        writer.flush();
      }
    }
  }
}

package org.folio.contacttracing.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log event at every level, DEBUG included, while open. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final List<LogEvent> events = new CopyOnWriteArrayList<>();
  private final Level previousLevel;

  private LogCapture() {
    super("capture-" + System.nanoTime(), null, PatternLayout.createDefaultLayout(), true, Property.EMPTY_ARRAY);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    previousLevel = root.getLevel();
    start();
    config.addAppender(this);
    root.addAppender(this, Level.ALL, null);
    root.setLevel(Level.ALL);
    context.updateLoggers();
  }

  public static LogCapture capture() {
    return new LogCapture();
  }

  @Override
  public void append(LogEvent event) {
    events.add(event.toImmutable());
  }

  /** Every captured line: message, context data and any exception, as one string each. */
  public List<String> lines() {
    return events.stream().map(event -> {
      StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
          + event.getMessage().getFormattedMessage() + " " + event.getContextData().toMap());
      for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
        line.append(" ").append(t);
      }
      return line.toString();
    }).toList();
  }

  public List<LogEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.removeAppender(getName());
    root.setLevel(previousLevel);
    context.updateLoggers();
    stop();
  }
}

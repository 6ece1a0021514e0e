package dev.riservo.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The gateway's access lines (logger {@code riservo.access}) written while a test listens. */
final class AccessLines {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger access = Logger.getLogger("riservo.access");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(
              record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  void listen() {
    capture.setLevel(Level.ALL);
    access.addHandler(capture);
  }

  void stopListening() {
    access.removeHandler(capture);
  }

  List<String> all() {
    return List.copyOf(lines);
  }

  /** The one line of the request (it is written when the response ends: wait a moment for it). */
  String lineFor(String requestId) throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    List<String> found = List.of();
    while (System.nanoTime() < deadline) {
      found = lines.stream().filter(l -> l.endsWith("request=" + requestId)).toList();
      if (!found.isEmpty()) {
        break;
      }
      Thread.sleep(20);
    }
    // a little longer, to catch a second line for the same request if there were one
    Thread.sleep(50);
    found = lines.stream().filter(l -> l.contains(requestId)).toList();
    assertEquals(1, found.size(), "one access line for " + requestId + " in " + lines);
    return found.get(0);
  }
}

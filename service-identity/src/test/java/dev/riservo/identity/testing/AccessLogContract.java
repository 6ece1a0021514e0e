package dev.riservo.identity.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * One access line per request (logger {@code riservo.access}), carrying the request id the gateway
 * passed on and, in its MDC, the trace the request belongs to; never the query string. Each service
 * that writes Quarkus' access log ({@code quarkus.http.access-log.*}) runs this contract.
 */
public abstract class AccessLogContract {

  @Test
  void theAccessLineNamesTheRequestIdAndTheCallersTraceButNotTheQuery() throws Exception {
    List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
              ext.copyMdc();
              records.add(ext);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    Logger access = Logger.getLogger("riservo.access");
    access.addHandler(capture);
    String requestId = "access-log-" + UUID.randomUUID();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    try {
      given()
          .header("Authorization", TestTokens.bearer("agent", "agent"))
          .header("X-Request-Id", requestId)
          .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
          .get("/v1/whoami?SECRET-QUERY=1")
          .then()
          .statusCode(200);
      long deadline = System.nanoTime() + 3_000_000_000L;
      while (lineFor(records, requestId).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      access.removeHandler(capture);
    }
    List<ExtLogRecord> lines = lineFor(records, requestId);
    assertEquals(1, lines.size(), records.toString());
    ExtLogRecord line = lines.get(0);
    String message = line.getFormattedMessage();
    assertTrue(message.matches("GET /v1/whoami status=200 ms=\\d+ request=" + requestId), message);
    assertFalse(message.contains("SECRET") || message.contains("?"), message);
    assertEquals(traceId, line.getMdc("traceId"), "the request's trace is the caller's");
  }

  private static List<ExtLogRecord> lineFor(List<ExtLogRecord> records, String requestId) {
    return records.stream()
        .filter(r -> r.getFormattedMessage().endsWith("request=" + requestId))
        .toList();
  }
}

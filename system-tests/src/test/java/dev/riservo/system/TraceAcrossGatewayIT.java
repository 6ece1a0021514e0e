package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A request shows as one trace across the gateway and the service: a caller's traceparent is
 * continued by the gateway and, through it, by the service behind it, and each names the trace in
 * its log (the JSON access line's {@code mdc.traceId}, in the logs {@code ./riservo up} writes).
 */
class TraceAcrossGatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theCallersTraceIdIsInTheGatewaysAndTheServicesLog() throws Exception {
    HexFormat hex = HexFormat.of();
    String traceId = hex.formatHex(random(16));
    String callerSpan = hex.formatHex(random(8));
    // a UUID: the gateway forwards and logs a caller's request id only in that form (issue 14,
    // item 7: any other text could carry personal data into the logs)
    String requestId = UUID.randomUUID().toString();

    given()
        .header("Authorization", "Bearer " + Stack.userToken("agent"))
        .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
        .header("X-Request-Id", requestId)
        .get(Stack.GATEWAY + "/api/notices/v1/whoami")
        .then()
        .statusCode(200)
        .header("X-Request-Id", requestId);

    JsonNode gateway = accessLine("gateway", requestId);
    JsonNode service = accessLine("notice-service", requestId);
    assertEquals(traceId, gateway.path("mdc").path("traceId").asText(), gateway.toString());
    assertEquals(traceId, service.path("mdc").path("traceId").asText(), service.toString());
    assertEquals(callerSpan, gateway.path("mdc").path("parentId").asText(), gateway.toString());
    // the service's parent is the gateway's call to it, not the caller's span passed through
    String serviceParent = service.path("mdc").path("parentId").asText();
    assertNotEquals(callerSpan, serviceParent, service.toString());
    assertNotEquals(gateway.path("mdc").path("spanId").asText(), serviceParent, service.toString());
  }

  /** The JSON access line of the request in the component's log (written as the response ends). */
  private static JsonNode accessLine(String component, String requestId) throws Exception {
    Path log = Stack.LOGS.resolve(component + ".log");
    assertTrue(
        Files.isReadable(log),
        "no log at "
            + log.toAbsolutePath()
            + ": run the stack with ./riservo up on this machine or set -Driservo.logs.dir");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      Optional<JsonNode> line = find(log, requestId);
      if (line.isPresent()) {
        return line.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no riservo.access line for " + requestId + " in " + log);
      }
      Thread.sleep(100);
    }
  }

  private static Optional<JsonNode> find(Path log, String requestId) throws IOException {
    List<String> lines = Files.readAllLines(log);
    for (String line : lines) {
      if (!line.startsWith("{") || !line.contains(requestId)) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      if ("riservo.access".equals(node.path("loggerName").asText())
          && node.path("message").asText().endsWith("request=" + requestId)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  private static byte[] random(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return random;
  }
}

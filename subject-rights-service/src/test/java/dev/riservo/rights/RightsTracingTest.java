package dev.riservo.rights;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The service's spans name neither the caller (address, as the socket or a forwarded header says
 * it, nor user agent) nor the query string, and its SQL spans hold the statement but never a
 * parameter's value (service-identity's {@code PersonalDataFreeSpans}). Spans are read from the
 * in-memory exporter ({@link InMemorySpans}).
 */
@QuarkusTest
class RightsTracingTest {

  private static final String AGENT = TestTokens.bearer("trace-agent", "agent");
  private static final HexFormat HEX = HexFormat.of();

  @Inject InMemorySpanExporter spans;

  @Test
  void theServerSpanNamesNeitherTheCallerNorItsUserAgentNorTheQuery() throws Exception {
    String traceId = randomHex(16);
    String query = "q-" + UUID.randomUUID();
    String userAgent = "dialler-" + UUID.randomUUID();
    String forwardedFor = "198.51.100.75";
    String forwarded = "198.51.100.76";
    given()
        .header("Authorization", AGENT)
        .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
        .header("User-Agent", userAgent)
        .header("X-Forwarded-For", forwardedFor)
        .header("Forwarded", "for=" + forwarded)
        .get("/v1/whoami?msisdn=" + query)
        .then()
        .statusCode(200);

    SpanData server = only(trace(traceId, 1), SpanKind.SERVER);
    assertNamesNone(server, query, userAgent, forwardedFor, forwarded, "127.0.0.1");
    assertRedacted(server, "client.address", "user_agent.original", "url.query");
    assertEquals("/v1/whoami", server.getAttributes().get(AttributeKey.stringKey("url.path")));
  }

  @Test
  void anSqlSpanHoldsTheStatementButNotTheValuesOfItsParameters() throws Exception {
    String traceId = randomHex(16);
    String number = "3933" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    String echoed =
        given()
            .header("Authorization", AGENT)
            .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
            .get("/test-fixture/traced-statement?value=" + number)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertEquals(number, echoed, "the value went through the statement");

    List<SpanData> trace = trace(traceId, 2);
    only(trace, SpanKind.SERVER);
    SpanData sql = only(trace, SpanKind.CLIENT);
    String statement = sql.getAttributes().get(AttributeKey.stringKey("db.query.text"));
    if (statement == null) { // older semantic conventions
      statement = sql.getAttributes().get(AttributeKey.stringKey("db.statement"));
    }
    assertEquals("SELECT $1::text AS echoed", statement, sql.getAttributes().toString());
    for (SpanData span : trace) {
      assertNamesNone(span, number);
    }
  }

  /** No attribute of the span holds any of the planted values. */
  private static void assertNamesNone(SpanData span, String... planted) {
    span.getAttributes()
        .forEach(
            (key, value) -> {
              for (String secret : planted) {
                assertFalse(
                    String.valueOf(value).contains(secret),
                    span.getKind() + " span: " + key + "=" + value + " in " + span.getAttributes());
              }
            });
  }

  private static void assertRedacted(SpanData span, String... keys) {
    for (String key : keys) {
      assertEquals(
          "redacted",
          span.getAttributes().get(AttributeKey.stringKey(key)),
          key + " in " + span.getAttributes());
    }
  }

  /** The finished spans of a trace, once there are at least {@code atLeast} of them. */
  private List<SpanData> trace(String traceId, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<SpanData> found = traceSoFar(traceId);
    while (found.size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
      found = traceSoFar(traceId);
    }
    assertTrue(found.size() >= atLeast, "spans of " + traceId + ": " + found);
    return found;
  }

  private List<SpanData> traceSoFar(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  private static SpanData only(List<SpanData> trace, SpanKind kind) {
    List<SpanData> ofKind = trace.stream().filter(s -> s.getKind() == kind).toList();
    assertEquals(1, ofKind.size(), kind + " spans in " + trace);
    return ofKind.get(0);
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HEX.formatHex(random);
  }
}

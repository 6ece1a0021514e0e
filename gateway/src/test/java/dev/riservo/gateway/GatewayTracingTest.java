package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace across the gateway and the service: the gateway's server span continues the caller's
 * valid W3C traceparent (or starts a trace), the proxied call is a client span under it, and the
 * upstream receives exactly one traceparent: same trace, the client span as parent. No span names
 * the caller (its address, even as a spoofed forwarding header says it, or its user agent) or the
 * query string. The spans are read from the in-memory exporter ({@link InMemorySpans}); the stub
 * upstream echoes what it got.
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayTracingTest {

  private static final String AGENT = TestTokens.bearer("trace-agent", "agent");
  private static final HexFormat HEX = HexFormat.of();

  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  @Inject InMemorySpanExporter spans;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @Test
  void aProxiedRequestIsOneTraceOfTheGatewaysServerSpanAndItsClientSpan() throws Exception {
    Response response =
        given().header("Authorization", AGENT).get("/api/consent/v1/whoami?campaign=c-1");
    assertEquals(200, response.statusCode());
    Received received = Received.from(response);

    List<SpanData> trace = trace(received.traceId(), 2);
    SpanData server = only(trace, SpanKind.SERVER);
    SpanData client = only(trace, SpanKind.CLIENT);
    assertFalse(server.getParentSpanContext().isValid(), "a request without trace context: a root");
    assertEquals(server.getSpanId(), client.getParentSpanId(), "the upstream call is its child");
    assertEquals(client.getSpanId(), received.parentId(), "the upstream's parent is that call");
    assertTrue(received.sampled(), "sampled: the service records its spans too");
    assertEquals("/api/consent/v1/whoami", server.getAttributes().get(URL_PATH));
  }

  @Test
  void aCallersValidTraceparentIsContinuedWithItsTracestate() throws Exception {
    String callerTrace = randomHex(16);
    String callerSpan = randomHex(8);
    String requestId = UUID.randomUUID().toString();
    Response response =
        given()
            .header("Authorization", AGENT)
            .header("X-Request-Id", requestId)
            .header("traceparent", "00-" + callerTrace + "-" + callerSpan + "-01")
            .header("tracestate", "vendor=abc")
            .get("/api/consent/v1/whoami");
    assertEquals(200, response.statusCode());
    Received received = Received.from(response);
    assertEquals(callerTrace, received.traceId(), "the caller's trace goes on");
    assertEquals("vendor=abc", received.tracestate);
    assertEquals(requestId, response.header("X-Request-Id"), "the request id still comes back");
    assertEquals(requestId, received.requestId, "and reaches the upstream");

    List<SpanData> trace = trace(callerTrace, 2);
    SpanData server = only(trace, SpanKind.SERVER);
    SpanData client = only(trace, SpanKind.CLIENT);
    assertEquals(
        callerSpan, server.getParentSpanId(), "the gateway is a hop of the caller's trace");
    assertTrue(server.getParentSpanContext().isRemote());
    assertEquals(server.getSpanId(), client.getParentSpanId());
    assertEquals(client.getSpanId(), received.parentId(), "not the caller's span: the gateway's");
    assertNotEquals(callerSpan, received.parentId());
  }

  @Test
  void anInvalidTraceparentStartsANewTraceAndItsTracestateIsDropped() throws Exception {
    for (String bad :
        List.of(
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
            "garbage")) {
      Response response =
          given()
              .header("Authorization", AGENT)
              .header("traceparent", bad)
              .header("tracestate", "vendor=abc")
              .get("/api/consent/v1/whoami");
      assertEquals(200, response.statusCode(), bad);
      Received received = Received.from(response);
      assertNotEquals("4bf92f3577b34da6a3ce929d0e0e4736", received.traceId(), bad);
      assertNull(received.tracestate, "the tracestate of an invalid context is not passed on");
      SpanData server = only(trace(received.traceId(), 2), SpanKind.SERVER);
      assertFalse(server.getParentSpanContext().isValid(), "a new trace instead of " + bad);
    }
  }

  @Test
  void eachRequestWithoutTraceContextIsATraceOfItsOwn() {
    String first =
        Received.from(given().header("Authorization", AGENT).get("/api/consent/v1/whoami"))
            .traceId();
    String second = Received.from(given().get("/api/consent/v1/receipts/jwks")).traceId();
    assertNotEquals(first, second);
  }

  @Test
  void theGatewaysOwnAnswerIsAServerSpanWithoutAnUpstreamCall() throws Exception {
    String callerTrace = randomHex(16);
    Response response =
        given()
            .header("traceparent", "00-" + callerTrace + "-" + randomHex(8) + "-01")
            .get("/api/consent/v1/whoami"); // no token
    assertEquals(401, response.statusCode());
    trace(callerTrace, 1);
    Thread.sleep(200); // a client span, were there one, would have been exported by now
    List<SpanData> trace = traceSoFar(callerTrace);
    assertEquals(1, trace.size(), trace.toString());
    assertEquals(SpanKind.SERVER, trace.get(0).getKind());
    assertEquals(401L, trace.get(0).getAttributes().get(STATUS));
  }

  @Test
  void theAccessLogLineCarriesTheTraceOfItsRequest() throws Exception {
    Map<String, String> traceByRequest = new ConcurrentHashMap<>();
    Logger access = Logger.getLogger("riservo.access");
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && ext.getMdc("traceId") != null) {
              String message = ext.getFormattedMessage();
              traceByRequest.put(
                  message.substring(message.indexOf("request=") + 8), ext.getMdc("traceId"));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    access.addHandler(capture);
    try {
      String callerTrace = randomHex(16);
      String proxied = UUID.randomUUID().toString();
      given()
          .header("Authorization", AGENT)
          .header("X-Request-Id", proxied)
          .header("traceparent", "00-" + callerTrace + "-" + randomHex(8) + "-01")
          .get("/api/consent/v1/whoami")
          .then()
          .statusCode(200);
      String refused = UUID.randomUUID().toString();
      given().header("X-Request-Id", refused).get("/api/consent/v1/whoami").then().statusCode(401);
      long deadline = System.nanoTime() + 3_000_000_000L;
      while (traceByRequest.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(callerTrace, traceByRequest.get(proxied), "the access line's MDC traceId");
      String refusedTrace = traceByRequest.get(refused);
      assertTrue(
          refusedTrace != null && refusedTrace.matches("[0-9a-f]{32}"), traceByRequest::toString);
      assertEquals(1, trace(refusedTrace, 1).size(), "the line names the trace of its request");
    } finally {
      access.removeHandler(capture);
    }
  }

  @Test
  void healthAndMetricsAreNotTraced() throws Exception {
    given().get(ready).then().statusCode(200);
    given().get(metrics).then().statusCode(200);
    // a traced request after them: once its span is out, theirs would be too
    String traceId =
        Received.from(given().header("Authorization", AGENT).get("/api/consent/v1/whoami"))
            .traceId();
    trace(traceId, 2);
    List<String> operational =
        spans.getFinishedSpanItems().stream()
            .map(s -> String.valueOf(s.getAttributes().get(URL_PATH)))
            .filter(path -> path.startsWith("/q/"))
            .toList();
    assertEquals(List.of(), operational);
  }

  @Test
  void spansCarryNeitherTheBodyNorTheToken() throws Exception {
    String traceId =
        Received.from(
                given()
                    .header("Authorization", AGENT)
                    .contentType("application/json")
                    .body("{\"msisdn\":\"SECRET-BODY-39061234567\"}")
                    .post("/api/consent/v1/consents"))
            .traceId();
    for (SpanData span : trace(traceId, 2)) {
      span.getAttributes()
          .forEach(
              (key, value) -> {
                String text = String.valueOf(value);
                assertFalse(text.contains("SECRET"), key + "=" + text);
                assertFalse(text.contains("Bearer") || text.contains("eyJ"), key + "=" + text);
              });
    }
  }

  @Test
  void spansNameNeitherTheCallerNorItsUserAgentNorTheQuery() throws Exception {
    String query = "q-" + UUID.randomUUID();
    String userAgent = "dialler-" + UUID.randomUUID();
    String claimed = "198.51.100.73"; // a spoofed X-Forwarded-For (TEST-NET-2)
    Response response =
        given()
            .header("Authorization", AGENT)
            .header("User-Agent", userAgent)
            .header("X-Forwarded-For", claimed)
            .get("/api/consent/v1/whoami?msisdn=" + query);
    assertEquals(200, response.statusCode());
    assertTrue(
        response.jsonPath().getString("uri").endsWith("?msisdn=" + query),
        "the query still reaches the service; only the spans leave it out");

    List<SpanData> trace = trace(Received.from(response).traceId(), 2);
    SpanData server = only(trace, SpanKind.SERVER);
    SpanData client = only(trace, SpanKind.CLIENT);
    assertNamesNone(server, query, userAgent, claimed, "127.0.0.1");
    assertNamesNone(client, query, userAgent, claimed);
    assertRedacted(server, "client.address", "user_agent.original", "url.query");
    assertRedactedIfPresent(server, "network.peer.address");
    assertEquals("/api/consent/v1/whoami", server.getAttributes().get(URL_PATH));
    String url = client.getAttributes().get(URL_FULL);
    assertTrue(url != null && url.endsWith("/v1/whoami"), "url.full without its query: " + url);
  }

  @Test
  void theGatewaysOwnAnswerNamesNeitherTheCallerNorItsUserAgentNorTheQuery() throws Exception {
    String callerTrace = randomHex(16);
    String query = "q-" + UUID.randomUUID();
    String userAgent = "dialler-" + UUID.randomUUID();
    String claimed = "198.51.100.74";
    given()
        .header("traceparent", "00-" + callerTrace + "-" + randomHex(8) + "-01")
        .header("User-Agent", userAgent)
        .header("Forwarded", "for=" + claimed + ";proto=https")
        .get("/api/consent/v1/whoami?email=" + query) // no token
        .then()
        .statusCode(401);

    SpanData server = only(trace(callerTrace, 1), SpanKind.SERVER);
    assertNamesNone(server, query, userAgent, claimed, "127.0.0.1");
    assertRedacted(server, "client.address", "user_agent.original", "url.query");
    assertRedactedIfPresent(server, "network.peer.address");
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

  private static void assertRedactedIfPresent(SpanData span, String key) {
    String value = span.getAttributes().get(AttributeKey.stringKey(key));
    assertTrue(value == null || value.equals("redacted"), key + " in " + span.getAttributes());
  }

  /** What the stub upstream says it received. */
  private record Received(String traceparent, int count, String tracestate, String requestId) {

    static Received from(Response response) {
      JsonPath echo = response.jsonPath();
      Received received =
          new Received(
              echo.getString("traceparent"),
              echo.getInt("traceparentCount"),
              echo.getString("tracestate"),
              echo.getString("requestId"));
      assertEquals(1, received.count, "exactly one traceparent upstream: " + response.asString());
      assertTrue(
          received.traceparent.matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"),
          received.traceparent);
      return received;
    }

    String traceId() {
      return traceparent.substring(3, 35);
    }

    String parentId() {
      return traceparent.substring(36, 52);
    }

    boolean sampled() {
      return traceparent.endsWith("-01");
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

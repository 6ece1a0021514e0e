package dev.riservo.identity.tracing;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor on a bare SDK, ahead of an exporter as Quarkus places it: what the instrumentation
 * sets when a span starts and what it sets just before the span ends (through {@code onEnding}) are
 * both overwritten before export, each under its own key (replaced, not added beside), and nothing
 * else changes.
 */
class PersonalDataFreeSpansTest {

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .addSpanProcessor(new PersonalDataFreeSpans())
          .addSpanProcessor(SimpleSpanProcessor.create(exported))
          .build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aServerSpanKeepsNeitherTheCallersAddressNorItsUserAgentNorTheQuery() {
    Span span =
        tracer
            .spanBuilder("GET /v1/consents")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("client.address", "198.51.100.7")
            .setAttribute("user_agent.original", "Dialler/1.0 (+39 333 1234567)")
            .setAttribute("url.query", "msisdn=%2B393331234567")
            .setAttribute("url.path", "/v1/consents")
            .setAttribute("url.scheme", "http")
            .setAttribute("http.request.method", "GET")
            .setAttribute("server.address", "consent-service")
            .startSpan();
    // what Quarkus' Vert.x instrumentation sets once the response is out
    span.setAttribute("network.peer.address", "198.51.100.7");
    span.setAttribute(longKey("network.peer.port"), 53211L);
    span.setAttribute(longKey("http.response.status_code"), 200L);
    span.end();

    Attributes attributes = only().getAttributes();
    assertEquals("redacted", attributes.get(stringKey("client.address")));
    assertEquals("redacted", attributes.get(stringKey("user_agent.original")));
    assertEquals("redacted", attributes.get(stringKey("url.query")));
    assertEquals("redacted", attributes.get(stringKey("network.peer.address")));
    assertEquals(0L, attributes.get(longKey("network.peer.port")));
    assertEquals("/v1/consents", attributes.get(stringKey("url.path")));
    assertEquals("GET", attributes.get(stringKey("http.request.method")));
    assertEquals("consent-service", attributes.get(stringKey("server.address")));
    assertEquals(200L, attributes.get(longKey("http.response.status_code")));
    assertEquals(10, attributes.size(), "replaced, not added beside: " + attributes);
    assertNoneContains(attributes, "198.51.100.7", "1234567", "53211");
  }

  @Test
  void aUrlLosesItsQueryStringAndFragmentAndKeepsTheRest() {
    tracer
        .spanBuilder("GET")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("url.full", "http://consent-service:8081/v1/whoami?msisdn=%2B39333#top")
        .setAttribute("http.url", "https://x.example/a/b?email=a%40b.example")
        .setAttribute("http.target", "/a/b?email=a%40b.example")
        .setAttribute("server.address", "consent-service")
        .setAttribute(longKey("server.port"), 8081L)
        .startSpan()
        .end();

    Attributes attributes = only().getAttributes();
    assertEquals("http://consent-service:8081/v1/whoami", attributes.get(stringKey("url.full")));
    assertEquals("https://x.example/a/b", attributes.get(stringKey("http.url")));
    assertEquals("/a/b", attributes.get(stringKey("http.target")));
    assertEquals("consent-service", attributes.get(stringKey("server.address")));
    assertEquals(8081L, attributes.get(longKey("server.port")));
    assertEquals(5, attributes.size(), attributes.toString());
  }

  @Test
  void olderAttributeNamesAndCapturedHeadersAreRedactedToo() {
    tracer
        .spanBuilder("GET /")
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.client_ip", "198.51.100.8")
        .setAttribute("net.sock.peer.addr", "198.51.100.8")
        .setAttribute(longKey("net.sock.peer.port"), 40000L)
        .setAttribute("net.peer.ip", "198.51.100.8")
        .setAttribute("http.user_agent", "Dialler/2.0")
        .setAttribute(
            stringArrayKey("http.request.header.x-forwarded-for"), List.of("198.51.100.8"))
        .startSpan()
        .end();

    Attributes attributes = only().getAttributes();
    assertEquals("redacted", attributes.get(stringKey("http.client_ip")));
    assertEquals("redacted", attributes.get(stringKey("net.sock.peer.addr")));
    assertEquals(0L, attributes.get(longKey("net.sock.peer.port")));
    assertEquals("redacted", attributes.get(stringKey("net.peer.ip")));
    assertEquals("redacted", attributes.get(stringKey("http.user_agent")));
    assertEquals(
        List.of("redacted"), attributes.get(stringArrayKey("http.request.header.x-forwarded-for")));
    assertNoneContains(attributes, "198.51.100.8", "Dialler", "40000");
  }

  @Test
  void anSqlSpanKeepsItsStatementAndTheDatabaseItCallsAndGainsNothing() {
    // as the reactive PostgreSQL client reports a statement (Quarkus 3.33)
    tracer
        .spanBuilder("SELECT")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("db.statement", "select id from request where subject_ref = $1")
        .setAttribute("db.operation", "SELECT")
        .setAttribute("network.peer.address", "10.0.3.7")
        .setAttribute(longKey("network.peer.port"), 5432L)
        .startSpan()
        .end();

    Attributes attributes = only().getAttributes();
    assertEquals(4, attributes.size(), attributes.toString());
    assertEquals(
        "select id from request where subject_ref = $1", attributes.get(stringKey("db.statement")));
    assertEquals("10.0.3.7", attributes.get(stringKey("network.peer.address")));
    assertEquals(5432L, attributes.get(longKey("network.peer.port")));
    assertNull(attributes.get(stringKey("client.address")));
  }

  private SpanData only() {
    List<SpanData> spans = exported.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }

  private static void assertNoneContains(Attributes attributes, String... planted) {
    String all =
        attributes.asMap().entrySet().stream()
            .map(e -> e.getKey().getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
    for (String value : planted) {
      assertFalse(all.contains(value), value + " in " + all);
    }
  }
}

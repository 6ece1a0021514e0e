package dev.riservo.identity.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Keeps personal data out of every span a Riservo component makes (DESIGN.md: personal data lives
 * only in encrypted columns, and spans leave the process for a collector). Quarkus' instrumentation
 * records who is calling and the query string, and offers no setting to leave them out; this
 * processor, a CDI bean that Quarkus adds to its tracer provider like every {@code SpanProcessor}
 * bean, overwrites them before any exporter sees the span:
 *
 * <ul>
 *   <li>the caller: {@code client.address} (read from a {@code Forwarded} or {@code
 *       X-Forwarded-For} header when there is one, which anyone can send, else the socket's peer),
 *       {@code user_agent.original} and their older names ({@code http.client_ip}, {@code
 *       http.user_agent}) become {@value #REDACTED} (a port becomes 0); on a server span also the
 *       connection's peer ({@code network.peer.address}, {@code network.peer.port}, {@code
 *       net.sock.peer.addr}, ...), which is the caller there. On a client span the peer is the
 *       database or service called, and stays;
 *   <li>{@code url.query} becomes {@value #REDACTED}, and {@code url.full}, {@code http.url} and
 *       {@code http.target} lose their query string (and fragment);
 *   <li>captured HTTP headers ({@code http.request.header.*}, {@code http.response.header.*}; none
 *       are captured today) become {@value #REDACTED}.
 * </ul>
 *
 * <p>The SDK cannot remove an attribute: setting one under the same key (name and type) replaces
 * its value, so an attribute that was there stays, with a value that says nothing; one that was not
 * there is not added. The instrumentation sets these when the span starts ({@link #onStart}),
 * except the peer of a server span, which the semantic conventions set only when the span ends
 * (Quarkus 3.33 leaves it out altogether, but may not always): {@link #onEnding} (the SDK's hook
 * for a span that is ending but still writable, called before any processor's {@code onEnd}, so
 * before export) scrubs again. {@code onEnding} is still in the SDK's internal package (the
 * specification calls it experimental); {@code PersonalDataFreeSpansTest} fails if it stops being
 * called.
 *
 * <p>What the processor keeps: method, path, route, status, sizes, the component's own address and
 * port, the database or service it calls, and SQL statements ({@code db.statement}, or {@code
 * db.query.text} in newer conventions: the reactive client reports the statement with its
 * placeholders, never the parameter values).
 */
@Singleton
public class PersonalDataFreeSpans implements ExtendedSpanProcessor {

  /** What a redacted text attribute says instead. */
  public static final String REDACTED = "redacted";

  /** Who is calling: address, port and user agent, under current and older semantic names. */
  static final Set<String> CALLER =
      Set.of(
          "client.address",
          "client.port",
          "user_agent.original",
          "http.client_ip",
          "http.user_agent");

  /** The other end of the connection: the caller on a server span. */
  static final Set<String> PEER =
      Set.of(
          "network.peer.address",
          "network.peer.port",
          "net.peer.ip",
          "net.sock.peer.addr",
          "net.sock.peer.port");

  /** The query string on its own. */
  static final String QUERY = "url.query";

  /** URLs (or request targets) that may carry a query string. */
  static final Set<String> URLS = Set.of("url.full", "http.url", "http.target");

  /** Captured header values (tokens, cookies, forwarded addresses). */
  static final List<String> HEADERS = List.of("http.request.header.", "http.response.header.");

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    scrub(span);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnding(ReadWriteSpan span) {
    scrub(span);
  }

  @Override
  public boolean isOnEndingRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  /** Overwrites the span's personal attributes in place; the others stay as they are. */
  static void scrub(ReadWriteSpan span) {
    boolean server = span.getKind() == SpanKind.SERVER;
    // getAttributes() is a copy: setting attributes while walking it is safe.
    span.getAttributes()
        .forEach(
            (key, value) -> {
              String name = key.getKey();
              if (CALLER.contains(name)
                  || (server && PEER.contains(name))
                  || QUERY.equals(name)
                  || isCapturedHeader(name)) {
                redact(span, key, value);
              } else if (URLS.contains(name) && value instanceof String url) {
                String bare = withoutQuery(url);
                if (!bare.equals(url)) {
                  span.setAttribute(stringKey(key), bare);
                }
              }
            });
  }

  /** The URL (or path) up to its query string or fragment, whichever comes first. */
  static String withoutQuery(String url) {
    int end = url.length();
    int query = url.indexOf('?');
    if (query >= 0) {
      end = query;
    }
    int fragment = url.indexOf('#');
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return url.substring(0, end);
  }

  private static boolean isCapturedHeader(String name) {
    for (String prefix : HEADERS) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The same key (name and type, so it replaces the value) with a value that says nothing. */
  @SuppressWarnings("unchecked")
  private static void redact(ReadWriteSpan span, AttributeKey<?> key, Object value) {
    switch (key.getType()) {
      case STRING -> {
        if (!REDACTED.equals(value)) {
          span.setAttribute(stringKey(key), REDACTED);
        }
      }
      case LONG -> span.setAttribute((AttributeKey<Long>) key, 0L);
      case DOUBLE -> span.setAttribute((AttributeKey<Double>) key, 0.0);
      case BOOLEAN -> span.setAttribute((AttributeKey<Boolean>) key, false);
      case STRING_ARRAY -> span.setAttribute((AttributeKey<List<String>>) key, List.of(REDACTED));
      case LONG_ARRAY -> span.setAttribute((AttributeKey<List<Long>>) key, List.of());
      case DOUBLE_ARRAY -> span.setAttribute((AttributeKey<List<Double>>) key, List.of());
      case BOOLEAN_ARRAY -> span.setAttribute((AttributeKey<List<Boolean>>) key, List.of());
    }
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<String> stringKey(AttributeKey<?> key) {
    return (AttributeKey<String>) key;
  }
}

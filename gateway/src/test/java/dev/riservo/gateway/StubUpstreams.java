package dev.riservo.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stub upstream for the gateway's tests: it answers every request with a JSON echo of what it
 * received (method, URI, whether a bearer token came along, the body (up to 64 KiB) and its length,
 * the forwarding and correlation headers, and how many {@code traceparent} headers came). The
 * {@code rights} route points to a port where nothing listens. OIDC's introspection endpoint is the
 * stub too, so a call out to introspect a token would be counted like any other.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

  static final AtomicInteger CALLS = new AtomicInteger();

  /** A header the stub always sends, which the gateway must not pass on. */
  static final String POWERED_BY = "stub-upstream";

  private static final int MAX_ECHOED_BODY = 64 * 1024;

  private HttpServer server;
  private ExecutorService executor;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      server.createContext("/", StubUpstreams::echo);
      server.start();
      int deadPort;
      try (ServerSocket probe = new ServerSocket(0)) {
        deadPort = probe.getLocalPort();
      }
      String live = "http://127.0.0.1:" + server.getAddress().getPort();
      String dead = "http://127.0.0.1:" + deadPort;
      return Map.ofEntries(
          Map.entry("riservo.gateway.routes.consent.upstream", live),
          Map.entry("riservo.gateway.routes.consent-register.upstream", live + "/v1/rpo"),
          Map.entry("riservo.gateway.routes.consent-scrubs.upstream", live + "/v1/list-scrubs"),
          Map.entry("riservo.gateway.routes.consent-audit.upstream", live + "/v1/audit"),
          Map.entry("riservo.gateway.routes.notices.upstream", live + "/base"),
          Map.entry("riservo.gateway.routes.notices-audit.upstream", live + "/base/v1/audit"),
          Map.entry("riservo.gateway.routes.rights.upstream", dead),
          Map.entry("riservo.gateway.routes.rights-audit.upstream", dead + "/v1/audit"),
          Map.entry("riservo.gateway.routes.docs-consent.upstream", live + "/q/openapi"),
          Map.entry("riservo.gateway.routes.docs-rights.upstream", dead + "/q/openapi"),
          Map.entry("riservo.gateway.routes.docs-notices.upstream", live + "/q/openapi"),
          // Were the gateway ever to try token introspection, it would call the stub (and count)
          Map.entry("quarkus.oidc.introspection-path", live + "/oidc/introspect"));
    } catch (IOException e) {
      throw new IllegalStateException("stub upstream could not start", e);
    }
  }

  private static void echo(HttpExchange exchange) throws IOException {
    CALLS.incrementAndGet();
    byte[] received;
    try (InputStream in = exchange.getRequestBody()) {
      received = in.readAllBytes();
    }
    String body =
        received.length <= MAX_ECHOED_BODY ? new String(received, StandardCharsets.UTF_8) : null;
    var headers = exchange.getRequestHeaders();
    String auth = headers.getFirst("Authorization");
    String echo =
        "{\"method\":"
            + json(exchange.getRequestMethod())
            + ",\"uri\":"
            + json(exchange.getRequestURI().toString())
            + ",\"bearer\":"
            + (auth != null && auth.startsWith("Bearer "))
            + ",\"body\":"
            + json(body)
            + ",\"length\":"
            + received.length
            + ",\"xForwardedFor\":"
            + json(headers.getFirst("X-Forwarded-For"))
            + ",\"forwarded\":"
            + json(headers.getFirst("Forwarded"))
            + ",\"requestId\":"
            + json(headers.getFirst("X-Request-Id"))
            + ",\"traceparent\":"
            + json(headers.getFirst("traceparent"))
            + ",\"traceparentCount\":"
            + (headers.containsKey("traceparent") ? headers.get("traceparent").size() : 0)
            + ",\"tracestate\":"
            + json(headers.getFirst("tracestate"))
            + ",\"internalHeaders\":"
            + headers.keySet().stream().anyMatch(h -> h.toLowerCase().startsWith("x-riservo"))
            + "}";
    byte[] bytes = echo.getBytes(StandardCharsets.UTF_8);
    String location = headers.getFirst("X-Stub-Location");
    if (location != null) {
      exchange.getResponseHeaders().add("Location", location);
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Powered-By", POWERED_BY);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** A JSON string literal (or null). */
  static String json(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}

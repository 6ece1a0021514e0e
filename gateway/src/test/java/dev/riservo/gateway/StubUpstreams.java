package dev.riservo.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stub upstream for the gateway's tests: it answers every request with a JSON echo of what it
 * received (method, URI, whether a bearer token came along, body). The {@code rights} route points
 * to a port where nothing listens.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

  static final AtomicInteger CALLS = new AtomicInteger();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            CALLS.incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
              body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String echo =
                String.format(
                    "{\"method\":\"%s\",\"uri\":\"%s\",\"bearer\":%s,\"body\":\"%s\"}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    auth != null && auth.startsWith("Bearer "),
                    body.replace("\\", "\\\\").replace("\"", "\\\""));
            byte[] bytes = echo.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      server.start();
      int dead;
      try (ServerSocket probe = new ServerSocket(0)) {
        dead = probe.getLocalPort();
      }
      String live = "http://127.0.0.1:" + server.getAddress().getPort();
      return Map.of(
          "riservo.gateway.routes.consent.upstream", live,
          "riservo.gateway.routes.notices.upstream", live + "/base",
          "riservo.gateway.routes.rights.upstream", "http://127.0.0.1:" + dead);
    } catch (IOException e) {
      throw new IllegalStateException("stub upstream could not start", e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}

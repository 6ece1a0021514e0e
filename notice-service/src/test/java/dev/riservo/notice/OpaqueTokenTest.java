package dev.riservo.notice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5: a bearer value that is not a JWT is refused here, without a call to Keycloak.
 * Unlike the other tests (which trust a public key and so never reach an OIDC server), this one
 * points the service at a stand-in OIDC server that counts introspection requests. With
 * introspection allowed, as before the fix, each of these requests made one.
 */
@QuarkusTest
@TestProfile(OpaqueTokenTest.BehindAnOidcServer.class)
class OpaqueTokenTest {

  static final AtomicInteger INTROSPECTIONS = new AtomicInteger();

  @Test
  void aBearerThatIsNoJwtIs401WithoutAnIntrospectionRequest() {
    int before = INTROSPECTIONS.get();
    for (String bearer : List.of("opaque-1", "opaque-2", "a.b.c", "x.y")) {
      given()
          .header("Authorization", "Bearer " + bearer)
          .get("/v1/whoami")
          .then()
          .statusCode(401)
          .contentType(startsWith(NoticeFixtures.PROBLEM_JSON))
          .body("type", equalTo(NoticeFixtures.PROBLEM + "unauthorized"));
    }
    assertEquals(before, INTROSPECTIONS.get(), "introspection requests sent to the OIDC server");
  }

  /** The service as deployed: discovery at an OIDC server rather than a trusted public key. */
  public static class BehindAnOidcServer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.oidc.public-key", "");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(StandInOidcServer.class));
    }
  }

  /** Discovery and an empty key set; counts (and refuses) every introspection request. */
  public static class StandInOidcServer implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/riservo";
      String oidc = base + "/protocol/openid-connect";
      server.createContext(
          "/realms/riservo/.well-known/openid-configuration",
          exchange ->
              answer(
                  exchange,
                  200,
                  "{\"issuer\":\""
                      + base
                      + "\",\"jwks_uri\":\""
                      + oidc
                      + "/certs\",\"introspection_endpoint\":\""
                      + oidc
                      + "/token/introspect\",\"token_endpoint\":\""
                      + oidc
                      + "/token\"}"));
      server.createContext(
          "/realms/riservo/protocol/openid-connect/certs",
          exchange -> answer(exchange, 200, "{\"keys\":[]}"));
      server.createContext(
          "/realms/riservo/protocol/openid-connect/token/introspect",
          exchange -> {
            INTROSPECTIONS.incrementAndGet();
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
          });
      server.start();
      return Map.of("quarkus.oidc.auth-server-url", base);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
      exchange.getRequestBody().readAllBytes();
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    @Override
    public void stop() {
      if (server != null) {
        server.stop(0);
      }
    }
  }
}

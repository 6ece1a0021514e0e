package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** CORS: only the configured origin (the staff console, http://localhost:3000). */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayCorsTest {

  private static final String CONSOLE = "http://localhost:3000";
  private static final String EVIL = "http://evil.example";

  @Test
  void aPreflightFromTheConsoleIsAllowed() {
    int before = StubUpstreams.CALLS.get();
    Response response =
        given()
            .header("Origin", CONSOLE)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "Authorization, Content-Type, X-Request-Id")
            .options("/api/consent/v1/consents");
    assertTrue(response.statusCode() < 300, "preflight status " + response.statusLine());
    assertEquals(CONSOLE, response.header("Access-Control-Allow-Origin"));
    String methods = response.header("Access-Control-Allow-Methods");
    assertTrue(methods != null && methods.contains("POST"), "allowed methods: " + methods);
    assertEquals(before, StubUpstreams.CALLS.get(), "a preflight never reaches an upstream");
  }

  @Test
  void aPreflightFromAnotherOriginGetsNoAllowOrigin() {
    int before = StubUpstreams.CALLS.get();
    Response response =
        given()
            .header("Origin", EVIL)
            .header("Access-Control-Request-Method", "POST")
            .options("/api/consent/v1/consents");
    String allowed = response.header("Access-Control-Allow-Origin");
    assertNotEquals(EVIL, allowed);
    assertNotEquals("*", allowed);
    assertEquals(null, allowed, "no allow-origin at all (status " + response.statusLine() + ")");
    assertEquals(before, StubUpstreams.CALLS.get(), "a preflight never reaches an upstream");
  }

  @Test
  void anActualRequestFromTheConsoleExposesTheRequestId() {
    Response response =
        given()
            .header("Origin", CONSOLE)
            .header("Authorization", TestTokens.bearer("cors-agent", "agent"))
            .get("/api/consent/v1/whoami");
    assertEquals(200, response.statusCode());
    assertEquals(CONSOLE, response.header("Access-Control-Allow-Origin"));
    String exposed = response.header("Access-Control-Expose-Headers");
    assertTrue(
        exposed != null && exposed.toLowerCase().contains("x-request-id"), "exposed: " + exposed);
  }

  @Test
  void anActualRequestFromAnotherOriginGetsNoAllowOrigin() {
    Response response =
        given()
            .header("Origin", EVIL)
            .header("Authorization", TestTokens.bearer("cors-agent", "agent"))
            .get("/api/consent/v1/whoami");
    String allowed = response.header("Access-Control-Allow-Origin");
    assertNotEquals(EVIL, allowed);
    assertNotEquals("*", allowed);
  }
}

package dev.riservo.gateway;

import static dev.riservo.gateway.SecurityHeaderAssertions.assertSecurityHeaders;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The security headers, on proxied answers and on the gateway's own problems alike. */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewaySecurityHeadersTest {

  private static final String AGENT = TestTokens.bearer("headers-agent", "agent");

  @TestHTTPResource("/")
  URL base;

  @Test
  void onAProxiedAnswer() {
    Response response = given().header("Authorization", AGENT).get("/api/consent/v1/whoami");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.contentType(), "the upstream's own answer");
    assertSecurityHeaders(response);
  }

  @Test
  void onAProxiedPublicAnswer() {
    Response response = given().get("/api/consent/v1/receipts/jwks");
    assertEquals(200, response.statusCode());
    assertSecurityHeaders(response);
  }

  @Test
  void onThe401Problem() {
    Response response = given().get("/api/consent/v1/whoami");
    assertEquals(401, response.statusCode());
    assertSecurityHeaders(response);
  }

  @Test
  void onThe403Problem() {
    Response response =
        given().header("Authorization", AGENT).post("/api/consent/v1/rpo/consultations");
    assertEquals(403, response.statusCode());
    assertSecurityHeaders(response);
  }

  @Test
  void onThe404ProblemOfAnInternalPathAndOfAnUnknownRoute() {
    Response internal =
        given().header("Authorization", AGENT).get("/api/consent/internal/subject-data/x");
    assertEquals(404, internal.statusCode());
    assertSecurityHeaders(internal);
    Response unknown = given().header("Authorization", AGENT).get("/api/unknown/v1/x");
    assertEquals(404, unknown.statusCode());
    assertSecurityHeaders(unknown);
  }

  @Test
  void onThe503ProblemOfADeadUpstream() {
    Response response = given().header("Authorization", AGENT).get("/api/rights/v1/whoami");
    assertEquals(503, response.statusCode());
    assertSecurityHeaders(response);
  }

  @Test
  void onThe413ProblemOfAnOversizedBodyWithItsRequestId() throws Exception {
    RawHttp.Answer answer =
        RawHttp.exchange(
            base,
            "POST /api/consent/v1/consents HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: "
                + AGENT
                + "\r\n"
                + "X-Request-Id: too-big-1\r\n"
                + "Content-Length: "
                + (1024 * 1024 + 1)
                + "\r\n"
                + "\r\n",
            new byte[0]);
    assertEquals(413, answer.status());
    assertSecurityHeaders("HTTP 413", answer::header);
    assertEquals("too-big-1", answer.header("X-Request-Id"));
  }

  @Test
  void onThe431ProblemOfOversizedHeadersWithItsRequestId() {
    Response response =
        given()
            .header("Authorization", AGENT)
            .header("X-Request-Id", "long-headers-1")
            .header("X-Padding", "a".repeat(10_000))
            .get("/api/consent/v1/whoami");
    assertEquals(431, response.statusCode());
    assertEquals("application/problem+json", response.contentType());
    assertEquals(431, response.jsonPath().getInt("status"));
    assertEquals("/api/consent/v1/whoami", response.jsonPath().getString("instance"));
    assertSecurityHeaders(response);
    assertEquals("long-headers-1", response.header("X-Request-Id"));
  }

  @Test
  void headersJustUnderTheLimitPass() {
    Response response =
        given()
            .header("Authorization", AGENT)
            .header("X-Padding", "a".repeat(6_000))
            .get("/api/consent/v1/whoami");
    assertEquals(200, response.statusCode());
  }

  @Test
  void headersPastWhatVertxParsesAreStillRefused() {
    // past quarkus.http.limits.max-header-size Vert.x answers itself, before any handler
    Response response =
        given().header("Authorization", AGENT).header("X-Padding", "a".repeat(70_000)).get("/");
    assertEquals(431, response.statusCode());
  }
}

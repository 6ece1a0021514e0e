package dev.riservo.gateway;

import static dev.riservo.gateway.SecurityHeaderAssertions.assertSecurityHeaders;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Rate limits at the edge (3 requests per 10 s here): per user (token subject) on every route, per
 * source address on the public paths, answered 429 with Retry-After and a problem document. Each
 * test uses users of its own, so the tests do not share a budget; only one test uses the public
 * path (all requests come from 127.0.0.1).
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
@TestProfile(TinyRateLimitsProfile.class)
class GatewayRateLimitTest {

  private static final int LIMIT = TinyRateLimitsProfile.REQUESTS;

  @TestHTTPResource("/")
  URL base;

  @Test
  void aUserOverTheLimitGets429WithRetryAfterAndAnotherUserIsNotAffected() {
    String alice = TestTokens.bearer("rate-alice", "agent");
    String bob = TestTokens.bearer("rate-bob", "agent");
    for (int i = 0; i < LIMIT; i++) {
      given().header("Authorization", alice).get("/api/consent/v1/whoami").then().statusCode(200);
    }
    int before = StubUpstreams.CALLS.get();
    Response refused = given().header("Authorization", alice).get("/api/consent/v1/whoami");
    assertTooManyRequests(refused);
    assertEquals(before, StubUpstreams.CALLS.get(), "a refused request never reaches an upstream");

    // the budget is the user's, on every route
    assertTooManyRequests(given().header("Authorization", alice).get("/api/notices/v1/notices"));

    // another user has a budget of its own
    for (int i = 0; i < LIMIT; i++) {
      given().header("Authorization", bob).get("/api/consent/v1/whoami").then().statusCode(200);
    }
    assertTooManyRequests(given().header("Authorization", bob).get("/api/consent/v1/whoami"));
  }

  @Test
  void requestsRefusedBeforeAuthenticationDoNotSpendAUsersBudget() {
    String carol = TestTokens.bearer("rate-carol", "agent");
    for (int i = 0; i < LIMIT + 2; i++) {
      given().get("/api/consent/v1/whoami").then().statusCode(401);
    }
    for (int i = 0; i < LIMIT; i++) {
      given().header("Authorization", carol).get("/api/consent/v1/whoami").then().statusCode(200);
    }
    assertTooManyRequests(given().header("Authorization", carol).get("/api/consent/v1/whoami"));
  }

  @Test
  void thePublicPathIsLimitedPerAddressAndForwardedForCannotEscapeIt() {
    // Every request claims another client address: were X-Forwarded-For believed, each would get a
    // budget of its own and none would be refused.
    for (int i = 0; i < LIMIT; i++) {
      given()
          .header("X-Forwarded-For", "203.0.113." + (10 + i))
          .get("/api/consent/v1/receipts/jwks")
          .then()
          .statusCode(200)
          .body("xForwardedFor", equalTo("127.0.0.1"));
    }
    int before = StubUpstreams.CALLS.get();
    assertTooManyRequests(
        given().header("X-Forwarded-For", "198.51.100.1").get("/api/consent/v1/receipts/jwks"));
    assertTooManyRequests(
        given()
            .header("Forwarded", "for=198.51.100.2")
            .header("X-Real-IP", "198.51.100.3")
            .get("/api/consent/v1/receipts/jwks"));
    assertTooManyRequests(given().get("/api/consent/v1/receipts/jwks"));
    assertEquals(before, StubUpstreams.CALLS.get(), "a refused request never reaches an upstream");
  }

  /**
   * Failed authentications are counted per source address (here 127.0.0.9, the other tests' come
   * from 127.0.0.1): past the limit, a token the gateway has not verified yet gets a 429 without
   * being checked, while a token it verified before, and other addresses, are served.
   */
  @Test
  void failedAuthenticationsAreLimitedPerSourceAddress() throws Exception {
    String known = TestTokens.bearer("rate-known", "agent");
    assertEquals(200, fromOtherAddress(known).status());
    for (int i = 0; i < TinyRateLimitsProfile.FAILED_AUTHENTICATIONS; i++) {
      assertEquals(401, fromOtherAddress("Bearer guess-" + i).status());
    }
    RawHttp.Answer refused = fromOtherAddress("Bearer guess-again");
    assertEquals(429, refused.status());
    assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
    assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1, refused.header("Retry-After"));
    assertEquals(
        429, fromOtherAddress(TestTokens.bearer("rate-new", "agent")).status(), "unverified token");
    assertEquals(200, fromOtherAddress(known).status(), "a token verified before still passes");
    given()
        .header("Authorization", TestTokens.bearer("rate-elsewhere", "agent"))
        .get("/api/consent/v1/whoami")
        .then()
        .statusCode(200);
  }

  private RawHttp.Answer fromOtherAddress(String authorization) throws Exception {
    return RawHttp.exchangeFrom(
        base,
        "127.0.0.9",
        "GET /api/consent/v1/whoami HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + authorization
            + "\r\nConnection: close\r\n\r\n");
  }

  private static void assertTooManyRequests(Response response) {
    response
        .then()
        .statusCode(429)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(429))
        .body("type", endsWith("too-many-requests"));
    String retryAfter = response.header("Retry-After");
    assertTrue(retryAfter != null && retryAfter.matches("\\d+"), "Retry-After: " + retryAfter);
    long seconds = Long.parseLong(retryAfter);
    assertTrue(
        seconds >= 1 && seconds <= TinyRateLimitsProfile.PERIOD_SECONDS,
        "Retry-After within the period: " + seconds);
    assertTrue(response.header("X-Request-Id") != null, "request id on the 429");
    assertSecurityHeaders(response);
  }
}

package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** How a path under a route reaches the route's upstream (prefix stripped, base path prepended). */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayRouteRewriteTest {

  private static final String SUPERVISOR = TestTokens.bearer("rewrite-supervisor", "supervisor");

  @Test
  void aPathUnderANarrowerRouteKeepsItsRest() {
    given()
        .header("Authorization", SUPERVISOR)
        .get("/api/consent/v1/list-scrubs/1234/result?format=csv")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/list-scrubs/1234/result?format=csv"));
  }

  /**
   * {@code POST /api/consent/v1/list-scrubs} (the route's prefix itself: how a scrub is created)
   * must reach {@code POST /v1/list-scrubs}, not {@code /v1/list-scrubs/}.
   */
  @Test
  void theRoutePrefixItselfReachesTheUpstreamBasePathWithoutATrailingSlash() {
    given()
        .header("Authorization", SUPERVISOR)
        .contentType("text/csv")
        .body("39061234567\n")
        .post("/api/consent/v1/list-scrubs")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/list-scrubs"));
    given()
        .header("Authorization", SUPERVISOR)
        .get("/api/consent/v1/list-scrubs?page=2")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/list-scrubs?page=2"));
  }
}

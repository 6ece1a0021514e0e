package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The API documentation of every service in one place: their documents, and a UI over them. */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayDocsTest {

  @Test
  void eachServicesDocumentIsServedWithoutAToken() {
    given()
        .get("/api/docs/consent")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/q/openapi"))
        .body("bearer", equalTo(false));
    given()
        .get("/api/docs/notices?format=json")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/q/openapi?format=json"));
  }

  @Test
  void aServiceThatIsDownGivesAProblemNotAHang() {
    given().get("/api/docs/rights").then().statusCode(503).contentType("application/problem+json");
  }

  @Test
  void onlyTheDocumentItselfIsPublic() {
    given().get("/api/docs/consent/anything").then().statusCode(401);
  }

  @Test
  void theUiListsEveryServiceAndMayRunItsOwnScriptsOnly() {
    String page =
        given()
            .redirects()
            .follow(true)
            .get("/docs/")
            .then()
            .statusCode(200)
            .contentType(containsString("text/html"))
            .header("Content-Security-Policy", containsString("script-src 'self'"))
            .header("Content-Security-Policy", not(containsString("*")))
            .header("X-Frame-Options", "DENY")
            .extract()
            .asString();
    org.junit.jupiter.api.Assertions.assertTrue(page.contains("/api/docs/consent"), page);
    org.junit.jupiter.api.Assertions.assertTrue(page.contains("/api/docs/rights"));
    org.junit.jupiter.api.Assertions.assertTrue(page.contains("/api/docs/notices"));
    // the APIs keep their strict policy
    given()
        .get("/api/consent/v1/receipts/jwks")
        .then()
        .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
}

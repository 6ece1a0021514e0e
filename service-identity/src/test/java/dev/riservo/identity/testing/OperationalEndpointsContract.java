package dev.riservo.identity.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Health (liveness, readiness with the database check), Prometheus metrics on the management port,
 * and the OpenAPI document on the API port. Each service with a database runs this contract.
 */
public abstract class OperationalEndpointsContract {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @Test
  void readinessIsUpAndChecksTheDatabase() {
    given()
        .get(ready)
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("connections health check")));
  }

  @Test
  void livenessIsUp() {
    given().get(live).then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetricsAreServedOnTheManagementPort() {
    given().get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void openApiDocumentIsServed() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/v1/whoami"));
  }
}

package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayOperationalEndpointsTest {

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @TestHTTPResource(value = "/metrics", management = true)
  URL metrics;

  @Inject Vertx vertx;

  @Test
  void readinessIsUp() {
    given().get(ready).then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetricsAreServed() {
    given().get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void requestsAreCountedByServiceNotByPath() {
    String ref = UUID.randomUUID().toString();
    for (String path :
        new String[] {
          "/api/consent/v1/subjects/" + ref + "/consents",
          "/api/rights/v1/requests/" + ref,
          "/api/notices/v1/subjects/" + ref + "/presentations"
        }) {
      given().get(path).then().statusCode(401);
    }
    given().get("/api/elsewhere/" + ref).then().statusCode(404);
    given()
        .get(metrics)
        .then()
        .statusCode(200)
        .body(containsString("uri=\"/api/consent/*\""))
        .body(containsString("uri=\"/api/rights/*\""))
        .body(containsString("uri=\"/api/notices/*\""))
        .body(containsString("uri=\"/api/*\""))
        .body(not(containsString(ref)));
  }

  @Test
  void nettysNativeTransportCarriesTheTraffic() {
    // Linux x86-64 (this machine, CI, the images): epoll, not Java NIO.
    assertTrue(
        vertx.isNativeTransportEnabled(),
        "native transport unavailable: " + vertx.unavailableNativeTransportCause());
  }
}

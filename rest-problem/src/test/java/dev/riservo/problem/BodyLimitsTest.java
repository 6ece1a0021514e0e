package dev.riservo.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BodyLimitsTest {

  private static String json(int bytes) {
    return "{\"name\":\"" + "x".repeat(bytes) + "\",\"count\":1}";
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  void aBodyUnderTheLimitPasses() {
    given().contentType("application/json").body(json(1000)).post("/probe").then().statusCode(200);
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  void aLargerBodyIs413BeforeAnythingReadsIt() {
    given()
        .contentType("application/json")
        .body(json(1_200_000))
        .post("/probe")
        .then()
        .statusCode(413)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(413))
        .body("type", equalTo(Problem.TYPE_PREFIX + "payload-too-large"));
  }

  @TestHTTPResource("/probe")
  URI probe;

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  void aBodyOfUnknownLengthIs411() throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(probe)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () ->
                                new ByteArrayInputStream(
                                    json(10).getBytes(StandardCharsets.UTF_8))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(411, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  void aBulkRouteTakesMoreThanTheOrdinaryLimit() {
    given()
        .contentType("text/csv")
        .body("n\n" + "1\n".repeat(1_500_000))
        .post("/probe/bulk")
        .then()
        .statusCode(200)
        .body(equalTo(Integer.toString(2 + 2 * 1_500_000)));
  }
}

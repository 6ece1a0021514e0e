package dev.riservo.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

  private static final String PROBLEM = "application/problem+json";

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void invalidFieldsAre400WithEveryFieldNamedAndNoValueEchoed() {
    given()
        .contentType("application/json")
        .body("{\"name\":\" \",\"count\":0,\"lines\":[{\"code\":\"\"}]}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(startsWith(PROBLEM))
        .body("type", equalTo("https://riservo.dev/problems/validation"))
        .body("status", equalTo(400))
        .body("instance", equalTo("/probe"))
        .body("errors.field", hasItems("name", "count", "lines[0].code"));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void invalidQueryParameterIsNamed() {
    given()
        .get("/probe/page?size=0")
        .then()
        .statusCode(400)
        .contentType(startsWith(PROBLEM))
        .body("errors[0].field", equalTo("size"));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void malformedJsonIs400() {
    given()
        .contentType("application/json")
        .body("{\"name\": ")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(startsWith(PROBLEM))
        .body("type", equalTo("https://riservo.dev/problems/malformed-body"));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void wrongTypeNamesTheFieldButNeverEchoesTheValue() {
    given()
        .contentType("application/json")
        .body("{\"name\":\"x\",\"count\":\"+393331234567\"}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(startsWith(PROBLEM))
        .body("errors[0].field", equalTo("count"))
        .body(not(containsString("3331234567")));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void missingBodyIs400() {
    given().contentType("application/json").post("/probe").then().statusCode(400);
  }

  @Test
  void noIdentityIs401WithBearerChallenge() {
    given()
        .get("/probe/conflict")
        .then()
        .statusCode(401)
        .contentType(startsWith(PROBLEM))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("type", equalTo("https://riservo.dev/problems/unauthorized"));
  }

  @Test
  @TestSecurity(user = "dpo", roles = "dpo")
  void wrongRoleIs403() {
    given()
        .get("/probe/conflict")
        .then()
        .statusCode(403)
        .contentType(startsWith(PROBLEM))
        .body("type", equalTo("https://riservo.dev/problems/forbidden"));
  }

  @Test
  @TestSecurity(
      user = "agent",
      roles = {"agent", "dpo", "admin", "supervisor", "service"})
  void endpointWithoutRoleAnnotationIsDeniedToEveryone() {
    given().get("/probe/unannotated").then().statusCode(403).contentType(startsWith(PROBLEM));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void unknownPathIs404() {
    given().get("/probe/nothing-here").then().statusCode(404).contentType(startsWith(PROBLEM));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void conflictIs409WithItsStableType() {
    given()
        .get("/probe/conflict")
        .then()
        .statusCode(409)
        .contentType(startsWith(PROBLEM))
        .body("type", equalTo("https://riservo.dev/problems/already-recorded"));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void ruleBrokenIs422NamingTheField() {
    given()
        .get("/probe/rule")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("notice.hash"));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void unexpectedFailureIs500AndHidesTheMessage() {
    given()
        .get("/probe/boom")
        .then()
        .statusCode(500)
        .contentType(startsWith(PROBLEM))
        .body(not(containsString("1234567")));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void dependencyDownIs503() {
    given().get("/probe/down").then().statusCode(503).contentType(startsWith(PROBLEM));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void wrongContentTypeIs415() {
    given()
        .contentType("text/plain")
        .body("hello")
        .post("/probe")
        .then()
        .statusCode(415)
        .contentType(startsWith(PROBLEM));
  }

  @Test
  @TestSecurity(user = "agent", roles = "agent")
  void wrongMethodIs405() {
    given().delete("/probe").then().statusCode(405).contentType(startsWith(PROBLEM));
  }
}

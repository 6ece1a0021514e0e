package dev.riservo.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14 item 3: bad input is a 400 problem document on every service, never a 500. These are the
 * shared checks every service inherits from rest-problem.
 */
@QuarkusTest
@TestSecurity(user = "agent", roles = "agent")
class HostileInputTest {

  private static ValidatableResponse post(String path, String body) {
    return given().contentType("application/json").body(body).post(path).then();
  }

  private static ValidatableResponse refused(ValidatableResponse response, String field) {
    return response
        .statusCode(400)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(400))
        .body("detail", containsString(field))
        .body("errors[0].field", equalTo(field));
  }

  // --- content after the document

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "{\"name\":\"x\",\"count\":1} walk",
        "{\"name\":\"x\",\"count\":1}{\"name\":\"y\"}"
      })
  void contentAfterTheDocumentIs400(String body) {
    post("/probe", body)
        .statusCode(400)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body("status", equalTo(400));
  }

  // --- duplicate keys

  @Test
  void aKeyRepeatedInAnObjectIs400NamingTheKey() {
    refused(post("/probe", "{\"name\":\"x\",\"count\":1,\"name\":\"1\"}"), "name")
        .body("type", equalTo(Problem.TYPE_PREFIX + "duplicate-key"));
  }

  @Test
  void aKeyRepeatedInANestedObjectIsNamedByItsPath() {
    refused(
        post("/probe", "{\"name\":\"x\",\"count\":1,\"lines\":[{\"code\":\"a\",\"code\":\"b\"}]}"),
        "lines[0].code");
  }

  @Test
  void aRepeatedKeyThatCouldHoldAValueIsNotEchoed() {
    post("/probe", "{\"name\":\"x\",\"count\":1,\"+393331234567\":1,\"+393331234567\":2}")
        .statusCode(400)
        .contentType(startsWith(Problem.MEDIA_TYPE))
        .body(not(containsString("3331234567")));
  }

  // --- U+0000

  @Test
  void nulInATextFieldIs400() {
    refused(post("/probe", "{\"name\":\"a\\u0000b\",\"count\":1}"), "name")
        .body("type", equalTo(Problem.TYPE_PREFIX + "validation"));
  }

  @Test
  void aLoneSurrogateInATextFieldIs400NeverStoredAsAQuestionMark() {
    refused(post("/probe", "{\"name\":\"walk\\ud800\",\"count\":1}"), "name");
    refused(post("/probe", "{\"name\":\"\\udc00x\",\"count\":1}"), "name");
    // a pair is one character, and welcome
    post("/probe", "{\"name\":\"ok \\ud83d\\ude00\",\"count\":1}").statusCode(200);
  }

  @Test
  void nulInAListElementIs400() {
    refused(post("/probe/dated", "{\"notes\":[\"ok\",\"\\u0000\"]}"), "notes[1]");
  }

  @Test
  void nulInAMapKeyOrValueIs400() {
    refused(post("/probe/dated", "{\"tags\":{\"k\":\"v\\u0000\"}}"), "tags.k");
    post("/probe/dated", "{\"tags\":{\"k\\u0000\":\"v\"}}")
        .statusCode(400)
        .contentType(startsWith(Problem.MEDIA_TYPE));
  }

  @Test
  void nulInAPathParameterIs400() {
    refused(given().urlEncodingEnabled(false).get("/probe/item/%00").then(), "code")
        .body("type", equalTo(Problem.TYPE_PREFIX + "validation"));
    refused(given().urlEncodingEnabled(false).get("/probe/item/ab%00cd").then(), "code");
  }

  @Test
  void nulInAQueryParameterIs400() {
    refused(given().urlEncodingEnabled(false).get("/probe/item/x?note=a%00").then(), "note");
  }

  @Test
  void anOrdinaryPathParameterStillPasses() {
    given().get("/probe/item/abc").then().statusCode(200).body("length", equalTo(3));
  }

  // --- encoding and unknown fields

  @TestHTTPResource("/probe")
  URI probe;

  @Test
  void invalidUtf8Is400() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    body.writeBytes("\",\"count\":1}".getBytes(StandardCharsets.UTF_8));
    // sent as raw bytes: RestAssured would send a byte[] as a base64 JSON string
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(probe)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
    assertTrue(response.body().contains(Problem.TYPE_PREFIX + "malformed-body"), response.body());
    assertTrue(response.body().contains("not valid UTF-8"), response.body());
  }

  @Test
  void unknownFieldsAreIgnoredAsBefore() {
    post("/probe", "{\"name\":\"x\",\"count\":1,\"extra\":{\"a\":[1]}}").statusCode(200);
  }

  // --- dates

  @ParameterizedTest
  @CsvSource({
    "at, -1000000000-01-01T00:00:00Z",
    "at, +294277-01-01T00:00:00Z",
    "at, 0001-01-01T00:00:00Z",
    "at, 1899-12-31T23:59:59Z",
    "at, 2201-01-01T00:00:00Z",
    "heard, 0001-01-01T00:00:00+01:00",
    "heard, +294277-01-01T00:00:00Z",
    "heard, 2201-01-01T01:30:00+01:00",
    "day, -999999999-01-01",
    "day, +294277-01-01",
    "day, 1899-12-31",
    "local, +294277-01-01T00:00:00",
    "local, 0001-01-01T00:00:00"
  })
  void aDateOutsideTheSaneRangeIs400NamingTheField(String field, String value) {
    refused(post("/probe/dated", "{\"" + field + "\":\"" + value + "\"}"), field)
        .body("type", equalTo(Problem.TYPE_PREFIX + "validation"))
        .body("errors[0].message", containsString("1900"))
        .body(not(containsString(value.substring(1))));
  }

  @Test
  void aDateBeyondWhatJavaCanHoldIs400NamingTheField() {
    refused(post("/probe/dated", "{\"heard\":\"-999999999-01-01T00:00:00+01:00\"}"), "heard");
  }

  @Test
  void aNumericInstantFarOutIs400() {
    refused(post("/probe/dated", "{\"at\":99999999999999}"), "at");
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    post(
            "/probe/dated",
            "{\"at\":\"1900-01-01T00:00:00Z\",\"heard\":\"2200-12-31T23:59:59Z\","
                + "\"day\":\"2200-12-31\",\"local\":\"1900-01-01T00:00:00\"}")
        .statusCode(200)
        .body("day", equalTo("2200-12-31"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "at=-1000000000-01-01T00:00:00Z",
        "at=%2B294277-01-01T00:00:00Z",
        "heard=%2B294277-01-01T00:00:00Z",
        "day=0001-01-01",
        "local=2201-01-01T00:00:00"
      })
  void aDateQueryParameterOutOfRangeIs400NamingIt(String query) {
    String field = query.substring(0, query.indexOf('='));
    refused(given().urlEncodingEnabled(false).get("/probe/when?" + query).then(), field);
  }

  @Test
  void aDateQueryParameterThatIsNoDateIs400NamingIt() {
    refused(given().get("/probe/when?day=yesterday").then(), "day");
  }

  @Test
  void aDateQueryParameterInRangePasses() {
    given()
        .get("/probe/when?at=2026-12-06T00:00:00Z&day=2026-12-06")
        .then()
        .statusCode(200)
        .body("day", equalTo("2026-12-06"));
  }
}

package dev.riservo.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
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

  // --- number, boolean or list where a text or a date is expected

  @ParameterizedTest
  @ValueSource(strings = {"3912345678", "12.5", "true"})
  void aNumberOrBooleanWhereATextIsExpectedIs400NamingTheField(String value) {
    refused(post("/probe", "{\"name\":" + value + ",\"count\":1}"), "name")
        .body(not(containsString(value)));
    refused(post("/probe/dated", "{\"notes\":[\"ok\"," + value + "]}"), "notes[1]");
    refused(post("/probe/dated", "{\"tags\":{\"k\":" + value + "}}"), "tags.k");
  }

  @Test
  void anAbsentPrimitiveParameterIsItsDefaultAndAWrongBooleanIs400() {
    given().get("/probe/flag").then().statusCode(200).body("on", equalTo(false));
    given().get("/probe/flag?on=true&count=7").then().statusCode(200).body("on", equalTo(true));
    given()
        .get("/probe/flag?on=yes")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("on"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "1.5", "99999999999", "", "%201%20x"})
  void aQueryParameterThatIsNoNumberIs400NamingItNot404(String size) {
    given()
        .urlEncodingEnabled(false)
        .get("/probe/page?size=" + size)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("size"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "count | '\"5\"'",
        "count | 5.7",
        "count | '\"\"'",
        "urgent | '\"true\"'",
        "urgent | 1",
        "urgent | '\"\"'"
      })
  void textOrADecimalWhereAWholeNumberOrABooleanIsExpectedIs400NamingTheField(
      String field, String value) {
    refused(post("/probe", "{\"name\":\"n\",\"count\":1,\"" + field + "\":" + value + "}"), field);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "at | 1765000000",
        "at | 1765000000.5",
        "heard | 1765000000",
        "day | 20428",
        "day | [2026,12,6]",
        "local | [2026,12,6,10,15]",
        "at | true"
      })
  void aDateSentAsANumberOrAListIs400NamingTheField(String field, String value) {
    refused(post("/probe/dated", "{\"" + field + "\":" + value + "}"), field)
        .body("errors[0].message", containsString("ISO-8601"));
  }

  // --- charset of a JSON body

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=ISO-8859-1",
        "application/json;charset=utf-16",
        "application/json; charset=\"windows-1252\"",
        "application/json; charset=walk-8"
      })
  void aJsonBodyInAnotherCharsetThanUtf8Is415(String type) throws Exception {
    HttpResponse<String> response = postBytes(type, "{\"name\":\"Andr\u00e9\",\"count\":1}");
    assertEquals(415, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith(Problem.MEDIA_TYPE));
    JsonNode problem = JSON.readTree(response.body());
    assertEquals(415, problem.path("status").asInt());
    assertEquals(Problem.TYPE_PREFIX + "unsupported-media-type", problem.path("type").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=UTF-8",
        "application/json;charset=\"utf-8\""
      })
  void aJsonBodyInUtf8IsReadWithOrWithoutCharset(String type) throws Exception {
    HttpResponse<String> response = postBytes(type, "{\"name\":\"Andr\u00e9\",\"count\":1}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("Andr\u00e9", JSON.readTree(response.body()).path("name").asText());
  }

  private HttpResponse<String> postBytes(String type, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(probe)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // --- request lines Quarkus cannot decode (raw sockets: HTTP clients refuse to send them)

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI server;

  @Inject UndecodableRequestLines requestLines;

  /** The check goes on the server asynchronously, once it listens. */
  @BeforeEach
  void requestLineCheckIsOn() throws InterruptedException {
    for (int i = 0; i < 100 && !requestLines.installed(); i++) {
      Thread.sleep(50);
    }
    assertTrue(requestLines.installed(), "the request line check is not on the server");
  }

  @Test
  void aRequestLineOrHeadersTooLongAreProblemsNotBareAnswers() throws Exception {
    String longTarget = "/probe/item/" + "a".repeat(9_000);
    String line = RawExchange.get(server, longTarget);
    assertEquals(414, RawExchange.status(line), line);
    assertTrue(RawExchange.header(line, "Content-Type").startsWith(Problem.MEDIA_TYPE), line);
    assertEquals(
        Problem.TYPE_PREFIX + "request-line-too-long",
        JSON.readTree(RawExchange.body(line)).path("type").asText());
    assertFalse(line.contains("aaaaaaaaaa"), "the answer repeats the target");
    String headers =
        RawExchange.send(
            server,
            "GET /probe/item/x HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(40_000)
                + "\r\nConnection: close\r\n\r\n");
    assertEquals(431, RawExchange.status(headers), headers);
    assertEquals(
        Problem.TYPE_PREFIX + "request-headers-too-large",
        JSON.readTree(RawExchange.body(headers)).path("type").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/probe/%ZZ",
        "/probe/%",
        "/x%",
        "/probe/item/ab%2",
        "/probe/item/x?note=%ZZ",
        "/probe/item/x?note=39%",
        "/probe/item/a|b",
        "/probe/item/%7B%22walk%22%7D?q={}",
        "/nowhere/%G0"
      })
  void anUndecodableRequestLineIs400ProblemThatDoesNotRepeatIt(String target) throws Exception {
    String answer = RawExchange.get(server, target);
    assertEquals(400, RawExchange.status(answer), answer);
    assertTrue(RawExchange.header(answer, "Content-Type").startsWith(Problem.MEDIA_TYPE), answer);
    assertEquals("close", RawExchange.header(answer, "Connection"), answer);
    JsonNode problem = JSON.readTree(RawExchange.body(answer));
    assertEquals(400, problem.path("status").asInt(), answer);
    assertEquals(Problem.TYPE_PREFIX + "malformed-request-line", problem.path("type").asText());
    assertTrue(problem.path("title").isTextual(), answer);
    assertTrue(problem.path("detail").asText().contains("percent-encoded"), answer);
    assertFalse(answer.contains(target), answer);
    assertFalse(answer.contains("/probe"), answer);
  }

  @Test
  void anUndecodableRequestPipelinedAfterAGoodOneIsAnsweredInTurn() throws Exception {
    String answers =
        RawExchange.send(
            server,
            "GET /probe/item/abc HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /probe/item/%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
    int second = answers.indexOf("HTTP/1.1 400");
    assertTrue(second > 0, answers);
    assertTrue(answers.substring(second).contains("malformed-request-line"), answers);
  }

  @Test
  void aGoodRequestLineStillPassesOnAKeptAliveConnection() throws Exception {
    String answers =
        RawExchange.send(
            server,
            "GET /probe/item/abc HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /probe/item/ab%20cd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
    assertTrue(answers.contains("{\"length\":3}"), answers);
    assertTrue(answers.contains("{\"length\":5}"), answers);
  }

  /** Escapes that parse but decode to no UTF-8 text: never a 5xx, a problem if refused. */
  @ParameterizedTest
  @ValueSource(strings = {"/probe/item/%C0", "/probe/item/%C3%28%FF", "/probe/item/x?note=%C0%AF"})
  void anEscapeOfNoUtf8TextIsNever5xx(String target) throws Exception {
    String answer = RawExchange.get(server, target);
    int status = RawExchange.status(answer);
    assertTrue(status < 500, answer);
    if (status >= 400) {
      assertTrue(RawExchange.header(answer, "Content-Type").startsWith(Problem.MEDIA_TYPE), answer);
    }
  }
}

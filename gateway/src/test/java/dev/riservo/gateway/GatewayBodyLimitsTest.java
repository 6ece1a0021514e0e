package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies: 1 MiB on every route, except the register upload (a bulk path) which streams through. */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
class GatewayBodyLimitsTest {

  private static final int ONE_MIB = 1024 * 1024;
  private static final String AGENT = TestTokens.bearer("body-agent", "agent");
  private static final String SUPERVISOR = TestTokens.bearer("body-supervisor", "supervisor");

  @TestHTTPResource("/")
  URL base;

  @Test
  void aBodyOverOneMebibyteOnANormalRouteIs413ProblemAndNotForwarded() throws Exception {
    int before = StubUpstreams.CALLS.get();
    // Only the headers are sent: the limit is judged on the declared Content-Length, before
    // anything reads the body (so the answer comes without the body ever being sent).
    RawHttp.Answer answer =
        RawHttp.exchange(
            base,
            "POST /api/consent/v1/consents HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: "
                + AGENT
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + (ONE_MIB + 1)
                + "\r\n"
                + "\r\n",
            new byte[0]);

    assertEquals(413, answer.status());
    assertTrue(
        answer.header("Content-Type").startsWith("application/problem+json"),
        answer.header("Content-Type"));
    JsonPath problem = JsonPath.from(answer.body());
    assertEquals(413, problem.getInt("status"));
    assertTrue(problem.getString("type").endsWith("payload-too-large"), problem.getString("type"));
    assertEquals(before, StubUpstreams.CALLS.get(), "the upstream was not called");
  }

  @Test
  void exactlyOneMebibyteOnANormalRouteIsProxied() {
    given()
        .header("Authorization", AGENT)
        .contentType("application/octet-stream")
        .body(new byte[ONE_MIB])
        .post("/api/consent/v1/consents")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/v1/consents"))
        .body("length", equalTo(ONE_MIB));
  }

  @Test
  void aLargeBodyThroughTheBulkPathIsProxiedWhole() {
    int size = 3 * ONE_MIB + 17;
    byte[] body = new byte[size];
    for (int i = 0; i < size; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
    given()
        .header("Authorization", SUPERVISOR)
        .contentType("text/csv")
        .body(body)
        .post("/api/consent/v1/rpo/consultations")
        .then()
        .statusCode(200)
        .body("method", equalTo("POST"))
        .body("uri", equalTo("/v1/rpo/consultations"))
        .body("length", equalTo(size));
  }

  /**
   * A client that asks before sending its body (Expect: 100-continue, as curl does for large
   * bodies) is told to go on by the gateway, which receives the body before the service does.
   */
  @Test
  void aClientThatExpects100ContinueIsToldToGoOn() throws Exception {
    try (java.net.Socket socket = RawHttp.connect(base, "127.0.0.1")) {
      RawHttp.send(
          socket,
          "POST /api/consent/v1/consents HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
              + AGENT
              + "\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
              + "Expect: 100-continue\r\n\r\n");
      RawHttp.Answer interim = RawHttp.read(socket.getInputStream());
      assertEquals(100, interim.status());
      RawHttp.send(socket, "{\"a\":1}");
      RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
      assertEquals(200, answer.status());
      assertEquals("{\"a\":1}", JsonPath.from(answer.body()).getString("body"));
    }
  }

  @Test
  void aBodyOfUnknownLengthOnANormalRouteIs411Problem() throws Exception {
    int before = StubUpstreams.CALLS.get();
    RawHttp.Answer answer =
        RawHttp.exchange(
            base,
            "POST /api/consent/v1/consents HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: "
                + AGENT
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "\r\n",
            "7\r\n{\"a\":1}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    assertEquals(411, answer.status());
    assertEquals(411, JsonPath.from(answer.body()).getInt("status"));
    assertEquals(before, StubUpstreams.CALLS.get(), "the upstream was not called");
  }
}

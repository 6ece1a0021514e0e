package dev.riservo.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients (slowloris) cannot hold the gateway's connections, nor its connections to the
 * services: headers and bodies have their time, a bulk upload its minimum rate, an idle connection
 * its limit, and one address its number of connections. Each test's slow clients come from a
 * loopback address of their own (127.0.0.x), the normal requests from 127.0.0.1.
 */
@QuarkusTest
@QuarkusTestResource(StubUpstreams.class)
@TestProfile(SlowClientsProfile.class)
class GatewaySlowClientsTest {

  private static final String AGENT = TestTokens.bearer("slow-agent", "agent");
  private static final String SUPERVISOR = TestTokens.bearer("slow-supervisor", "supervisor");

  /** A generous bound for "the gateway closed the connection" (the limits are 1-2 s). */
  private static final long BOUND_MILLIS = 15_000;

  @TestHTTPResource("/")
  URL base;

  private final ExecutorService tricklers = Executors.newCachedThreadPool();
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    tricklers.shutdownNow();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void headersTrickledPastTheHeaderTimeoutGetTheConnectionClosedWhileOthersAreServed()
      throws Exception {
    Socket slow = open("127.0.0.2");
    RawHttp.send(slow, "GET /api/consent/v1/whoami HTTP/1.1\r\nHost: localhost\r\n");
    trickle(slow, "X-Slow: 1\r\n");

    normalRequestSucceeds();
    assertTrue(RawHttp.closedWithin(slow, BOUND_MILLIS), "the trickling connection was closed");
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws Exception {
    Socket silent = open("127.0.0.3");
    assertTrue(RawHttp.closedWithin(silent, BOUND_MILLIS), "the silent connection was closed");
  }

  @Test
  void aBodyTrickledPastTheBodyTimeoutIs408AndNeverReachesTheService() throws Exception {
    int before = StubUpstreams.CALLS.get();
    Socket slow = open("127.0.0.4");
    RawHttp.send(
        slow,
        "POST /api/consent/v1/consents HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + AGENT
            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":");
    trickle(slow, " ");

    normalRequestSucceeds();
    RawHttp.Answer answer = RawHttp.read(slow.getInputStream());
    assertEquals(408, answer.status());
    assertTrue(answer.header("Content-Type").startsWith("application/problem+json"));
    assertEquals(408, JsonPath.from(answer.body()).getInt("status"));
    assertTrue(RawHttp.closedWithin(slow, BOUND_MILLIS), "closed after the 408");
    assertEquals(before + 1, StubUpstreams.CALLS.get(), "only the normal request reached it");
  }

  @Test
  void aBulkUploadSlowerThanTheMinimumRateIsCut() throws Exception {
    Socket slow = open("127.0.0.5");
    RawHttp.send(
        slow,
        "POST /api/consent/v1/rpo/consultations HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + SUPERVISOR
            + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nnumber\n");
    trickle(slow, "3");

    normalRequestSucceeds();
    assertTrue(RawHttp.closedWithin(slow, BOUND_MILLIS), "the slow upload was cut");
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    Socket idle = open("127.0.0.6");
    RawHttp.send(
        idle,
        "GET /api/consent/v1/whoami HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + AGENT
            + "\r\n\r\n");
    assertEquals(200, RawHttp.read(idle.getInputStream()).status());
    assertTrue(RawHttp.closedWithin(idle, BOUND_MILLIS), "the idle connection was closed");
  }

  @Test
  void connectionsOverThePerAddressCapAreClosedWhileOtherAddressesAreServed() throws Exception {
    List<Socket> opened = new ArrayList<>();
    for (int i = 0; i <= SlowClientsProfile.MAX_PER_ADDRESS; i++) {
      opened.add(open("127.0.0.7"));
    }
    String request =
        "GET /api/consent/v1/whoami HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + AGENT
            + "\r\n\r\n";
    int served = 0;
    int closed = 0;
    for (Socket socket : opened) {
      try {
        RawHttp.send(socket, request);
        assertEquals(200, RawHttp.read(socket.getInputStream()).status());
        served++;
      } catch (IOException refused) {
        closed++;
      }
    }
    assertEquals(SlowClientsProfile.MAX_PER_ADDRESS, served, "connections served");
    assertEquals(1, closed, "connections closed at once");
    normalRequestSucceeds();
  }

  @Test
  void aNormalRequestIsStillServedWithItsBody() {
    given()
        .header("Authorization", AGENT)
        .contentType("application/json")
        .body("{\"purpose\":\"telemarketing\"}")
        .post("/api/consent/v1/consents")
        .then()
        .statusCode(200)
        .body("body", org.hamcrest.Matchers.equalTo("{\"purpose\":\"telemarketing\"}"));
  }

  private void normalRequestSucceeds() {
    given().header("Authorization", AGENT).get("/api/consent/v1/whoami").then().statusCode(200);
  }

  private Socket open(String source) throws IOException {
    Socket socket = RawHttp.connect(base, source);
    sockets.add(socket);
    return socket;
  }

  /** Sends the text again every 500 ms until the connection is closed. */
  private void trickle(Socket socket, String text) {
    tricklers.submit(
        () -> {
          try {
            while (!Thread.currentThread().isInterrupted()) {
              Thread.sleep(500);
              RawHttp.send(socket, text);
            }
          } catch (IOException | InterruptedException closed) {
            // the gateway cut it, or the test is over
          }
          return null;
        });
  }
}

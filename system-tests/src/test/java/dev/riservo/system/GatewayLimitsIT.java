package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's edge behaviour through the real stack, with real Keycloak tokens: every API route
 * is closed without a valid token and the public ones are open; the role guard, the closed {@code
 * /internal} contracts, the body limits, the security headers and request ids on every answer; and
 * a client cannot escape the per-address rate limit by claiming other addresses in {@code
 * X-Forwarded-For}.
 *
 * <p>Where the gateway and the service would give the same status, the answer's {@code instance}
 * tells who gave it: the gateway names the path it was asked for ({@code /api/...}), a service the
 * path it was forwarded ({@code /v1/...}, the route's prefix stripped).
 */
class GatewayLimitsIT {

  private static final String CONSENT = Stack.GATEWAY + "/api/consent";
  private static final String NOTICES = Stack.GATEWAY + "/api/notices";
  private static final String JWKS_PATH = "/api/consent/v1/receipts/jwks";

  /** consent-service itself, as the services inside the cluster reach it (not through the edge). */
  private static final String CONSENT_DIRECT = "http://localhost:8081";

  /** Requests per period from one source address on the public paths (the gateway's default). */
  private static final int PER_ADDRESS =
      Integer.parseInt(
          Optional.ofNullable(System.getenv("RISERVO_RATE_PER_ADDRESS")).orElse("20").strip());

  /** The per-address limiter's period ({@code riservo.gateway.per-address.period}). */
  private static final Duration PERIOD = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  // ---- 1. Every API route is closed without a valid token ----

  static Stream<Arguments> closedRoutes() {
    String someId = UUID.randomUUID().toString();
    return Stream.of(
        Arguments.of("GET", "/api/consent/v1/whoami"),
        Arguments.of("GET", "/api/consent/v1/purposes"),
        Arguments.of("POST", "/api/consent/v1/consents"),
        Arguments.of("POST", "/api/consent/v1/dial-checks"),
        Arguments.of("GET", "/api/consent/v1/receipts/" + someId),
        Arguments.of("GET", "/api/consent/v1/rpo/consultations/" + someId),
        Arguments.of("POST", "/api/consent/v1/list-scrubs"),
        Arguments.of("GET", "/api/rights/v1/whoami"),
        Arguments.of("POST", "/api/rights/v1/audit/verifications"),
        // nothing is served there: still 401 first, so an anonymous caller learns nothing
        Arguments.of("POST", "/api/rights/v1/requests"),
        Arguments.of("GET", "/api/notices/v1/whoami"),
        // writes under the public-read prefix of the notices still need a token
        Arguments.of("POST", "/api/notices/v1/notices/x/versions"),
        Arguments.of("DELETE", "/api/notices/v1/notices/x/versions/1"));
  }

  @ParameterizedTest(name = "{0} {1} without a token is the gateway's 401")
  @MethodSource("closedRoutes")
  void everyApiRouteIsClosedWithoutAToken(String method, String path) {
    Response answer =
        given().contentType(ContentType.JSON).body("{}").request(method, Stack.GATEWAY + path);
    answer
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("status", equalTo(401))
        .body("type", endsWith("/unauthorized"))
        .body("instance", equalTo(path));
    assertSecurityHeaders(method + " " + path, answer::header);
  }

  @Test
  void forgedExpiredOrMalformedTokensAre401AndTheRealOneIsNot() throws Exception {
    String real = Stack.userToken("agent");
    SignedJWT parsed = SignedJWT.parse(real);
    JWTClaimsSet claims = parsed.getJWTClaimsSet();
    String keycloakKid = parsed.getHeader().getKeyID();
    RSAKey mine = new RSAKeyGenerator(2048).keyID(keycloakKid).generate();
    JWTClaimsSet asDpo =
        new JWTClaimsSet.Builder(claims)
            .claim("realm_access", Map.of("roles", List.of("agent", "dpo")))
            .build();
    Instant now = Instant.now();
    JWTClaimsSet expired =
        new JWTClaimsSet.Builder(claims)
            .issueTime(Date.from(now.minus(Duration.ofHours(2))))
            .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
            .build();

    Map<String, String> refused = new LinkedHashMap<>();
    refused.put(
        "the real claims signed by my key under Keycloak's key id",
        sign(claims, mine, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keycloakKid)));
    refused.put(
        "the real claims signed by my key, which the header carries (jwk)",
        sign(
            claims,
            mine,
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keycloakKid).jwk(mine.toPublicJWK())));
    refused.put("the real claims unsigned (alg none)", new PlainJWT(claims).serialize());
    refused.put(
        "Keycloak's header and signature over claims that add the dpo role",
        parsed.getHeader().toBase64URL()
            + "."
            + Base64URL.encode(asDpo.toString())
            + "."
            + parsed.getSignature());
    // Keycloak's realm issues 5-minute tokens: one of its own cannot be made to expire in a test
    // this short, so this one is the real claims with an expiry an hour ago, under my key.
    refused.put(
        "claims that expired an hour ago",
        sign(expired, mine, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keycloakKid)));
    refused.put("an empty bearer", "");
    refused.put("not a JWT at all", "not-a-token");

    for (Map.Entry<String, String> token : refused.entrySet()) {
      Response answer =
          given().header("Authorization", "Bearer " + token.getValue()).get(CONSENT + "/v1/whoami");
      assertEquals(401, answer.statusCode(), token.getKey() + ": " + answer.asString());
      assertEquals(
          "/api/consent/v1/whoami",
          answer.jsonPath().getString("instance"),
          token.getKey() + ": the gateway answers, nothing is forwarded");
      assertTrue(
          answer.header("WWW-Authenticate").startsWith("Bearer"), token.getKey() + ": challenge");
    }
    given()
        .header("Authorization", "Basic " + Base64URL.encode("agent:agent-local"))
        .get(CONSENT + "/v1/whoami")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));

    // The real token of the same user passes: the refusals above are the tokens' doing.
    given()
        .header("Authorization", "Bearer " + real)
        .get(CONSENT + "/v1/whoami")
        .then()
        .statusCode(200)
        .body("principal", equalTo("agent"));
  }

  // ---- 2. Public routes are open ----

  @Test
  void theReceiptsJwksIsPublic() {
    Response answer = given().get(Stack.GATEWAY + JWKS_PATH);
    answer
        .then()
        .statusCode(200)
        .contentType(startsWith("application/jwk-set+json"))
        .body("keys[0].kid", notNullValue())
        .body("keys[0].d", equalTo(null));
    assertSecurityHeaders("GET " + JWKS_PATH, answer::header);
  }

  @Test
  void aPublishedNoticeIsReadWithoutAToken() {
    String noticeId = "gateway-limits-it";
    var published =
        given()
            .header("Authorization", "Bearer " + Stack.userToken("dpo"))
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "language",
                    "it",
                    "title",
                    "Informativa di prova del gateway",
                    "content",
                    "Testo pubblicato dal test dei limiti del gateway " + UUID.randomUUID()))
            .post(NOTICES + "/v1/notices/" + noticeId + "/versions")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = published.getString("id");
    String hash = published.getString("contentHash");
    int version = published.getInt("version");

    // anyone reads a version in force under the public prefix, and only there (issue 15)
    Response byId = given().get(NOTICES + "/v1/public/notices/versions/" + id);
    byId.then().statusCode(200).body("id", equalTo(id)).body("contentHash", equalTo(hash));
    assertSecurityHeaders("GET a published notice", byId::header);
    String staff = "Bearer " + Stack.userToken("agent");
    for (String read :
        List.of(
            "/v1/notices/versions/" + id,
            "/v1/notices/" + noticeId + "/versions/" + version,
            "/v1/notices/" + noticeId + "/versions")) {
      given().get(NOTICES + read).then().statusCode(401);
      given().header("Authorization", staff).get(NOTICES + read).then().statusCode(200);
    }
    // and publishing stays closed: the same write without a token
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("language", "it", "title", "x", "content", "x"))
        .post(NOTICES + "/v1/notices/" + noticeId + "/versions")
        .then()
        .statusCode(401);
  }

  // ---- 3. The role guard at the edge ----

  @Test
  void anAgentIsStoppedAtTheEdgeOnTheRegisterAndScrubRoutes() {
    String agent = "Bearer " + Stack.userToken("agent");
    for (String path :
        List.of("/api/consent/v1/rpo/consultations", "/api/consent/v1/list-scrubs")) {
      Response answer =
          given()
              .header("Authorization", agent)
              .contentType("text/csv")
              .queryParam("consultedOn", "2026-01-01")
              .body("number,registered,registered_on,reallowed\n0612345678,false,,false\n")
              .post(Stack.GATEWAY + path);
      answer
          .then()
          .statusCode(403)
          .contentType(startsWith("application/problem+json"))
          .body("type", endsWith("/forbidden"))
          .body("detail", equalTo("This route needs one of the roles it names"))
          .body("instance", equalTo(path));
      assertSecurityHeaders("agent POST " + path, answer::header);
    }
    // The same agent passes on the consent route's other paths ...
    given().header("Authorization", agent).get(CONSENT + "/v1/whoami").then().statusCode(200);
    // ... and a supervisor passes the guard of the register route: the service answers.
    String someId = UUID.randomUUID().toString();
    given()
        .header("Authorization", "Bearer " + Stack.userToken("supervisor"))
        .get(CONSENT + "/v1/rpo/consultations/" + someId)
        .then()
        .statusCode(404)
        .body("instance", equalTo("/v1/rpo/consultations/" + someId));
  }

  // ---- 4. The internal contracts are not reachable through the gateway ----

  static Stream<Arguments> internalPaths() {
    String ref = UUID.randomUUID().toString();
    return Stream.of(
        Arguments.of("POST", "/api/consent/internal/subject-data/search"),
        Arguments.of("GET", "/api/consent/internal/subject-data/" + ref),
        Arguments.of("DELETE", "/api/consent/internal/subject-data/" + ref),
        Arguments.of("POST", "/api/notices/internal/subject-data/search"),
        Arguments.of("POST", "/api/rights/internal/subject-data/search"),
        Arguments.of("POST", "/api/consent/internal"),
        Arguments.of("POST", "/api/consent/internal;x=1/subject-data/search"),
        Arguments.of("POST", "/api/consent/%69nternal/subject-data/search"),
        Arguments.of("POST", "/api/consent/v1/../internal/subject-data/search"),
        Arguments.of("POST", "/api/consent/v1/%2e%2e/internal/subject-data/search"),
        Arguments.of("POST", "/api/consent//internal/subject-data/search"),
        Arguments.of("POST", "/api/consent/internal%2Fsubject-data/search"),
        Arguments.of("GET", "/api/consent/internal%2Fsubject-data%2F" + ref),
        Arguments.of("POST", "/api/consent/%2Finternal/subject-data/search"));
  }

  @ParameterizedTest(name = "{0} {1} with a service token is 404")
  @MethodSource("internalPaths")
  void internalPathsAre404EvenForAServiceClient(String method, String rawPath) throws Exception {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(Stack.GATEWAY + rawPath))
                .header("Authorization", "Bearer " + Stack.clientToken("subject-rights-service"))
                .header("Content-Type", "application/json")
                .method(
                    method, HttpRequest.BodyPublishers.ofString("{\"phone\":\"+393471234567\"}")));
    assertEquals(404, answer.statusCode(), answer.body());
    JsonNode problem = JSON.readTree(answer.body());
    // "Nothing is served at this path": no route matched; the internal handlers' own 404 says
    // "The subject was not found", and their search answers 200.
    assertEquals("Nothing is served at this path", problem.path("detail").asText(), answer.body());
    assertTrue(
        problem.path("instance").asText().startsWith("/api/"),
        "the gateway refused it itself, not the service behind it: " + answer.body());
    assertSecurityHeaders(method + " " + rawPath, header(answer));
  }

  @Test
  void theSameServiceTokenReachesTheInternalContractInsideTheCluster() throws Exception {
    // The control for the 404s above: the token and the request are good, only the edge is closed.
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(CONSENT_DIRECT + "/internal/subject-data/search"))
                .header("Authorization", "Bearer " + Stack.clientToken("subject-rights-service"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"+393471234567\"}")));
    assertEquals(200, answer.statusCode(), answer.body());
  }

  // ---- 5. Body limits ----

  @Test
  void aBodyOverOneMegabyteIs413AndOneUnderItReachesTheService() {
    String agent = "Bearer " + Stack.userToken("agent");
    Response tooLarge =
        given()
            .header("Authorization", agent)
            .contentType(ContentType.JSON)
            .body(consentPaddedTo(2 * 1024 * 1024))
            .post(CONSENT + "/v1/consents");
    tooLarge
        .then()
        .statusCode(413)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(413))
        .body("type", endsWith("/payload-too-large"))
        .body("instance", equalTo("/api/consent/v1/consents"));
    assertSecurityHeaders("a 2 MB body", tooLarge::header);

    // Just under the limit the body goes through, and the service judges it (it lacks fields).
    given()
        .header("Authorization", agent)
        .contentType(ContentType.JSON)
        .body(consentPaddedTo(1_000_000))
        .post(CONSENT + "/v1/consents")
        .then()
        .statusCode(400)
        .body("instance", equalTo("/v1/consents"));
  }

  @Test
  void aBodyOfUnknownLengthIs411() throws Exception {
    byte[] body = consentPaddedTo(10_000).getBytes();
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(CONSENT + "/v1/consents"))
                .header("Authorization", "Bearer " + Stack.userToken("agent"))
                .header("Content-Type", "application/json")
                // an InputStream has no length: the client sends it chunked
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));
    assertEquals(411, answer.statusCode(), answer.body());
    assertEquals(
        "/api/consent/v1/consents", JSON.readTree(answer.body()).path("instance").asText());
    assertSecurityHeaders("a chunked body", header(answer));
  }

  @Test
  void headersOverEightKilobytesAreRefusedWithAProblem() {
    io.restassured.response.Response answer =
        given()
            .header("X-Request-Id", "long-headers-it")
            .header("X-Padding", "a".repeat(10_000))
            .get(Stack.GATEWAY + JWKS_PATH);
    assertEquals(431, answer.statusCode(), answer.asString());
    assertEquals("application/problem+json", answer.contentType());
    assertEquals(JWKS_PATH, answer.jsonPath().getString("instance"));
    assertEquals("long-headers-it", answer.header("X-Request-Id"));
    assertSecurityHeaders("a 431", answer::header);
  }

  @Test
  void headersPastWhatTheServerParsesAreStillRefused() {
    // past 64 KB Vert.x refuses them itself while parsing, before any handler of the gateway runs:
    // this answer is bare (no problem document, security headers or request id)
    given()
        .header("X-Padding", "a".repeat(70_000))
        .get(Stack.GATEWAY + JWKS_PATH)
        .then()
        .statusCode(431);
  }

  // ---- 6. Security headers and request ids on every answer ----

  @Test
  void everyKindOfAnswerCarriesTheSecurityHeaders() {
    String agent = "Bearer " + Stack.userToken("agent");
    Map<String, Response> answers = new LinkedHashMap<>();
    answers.put("proxied 200", given().header("Authorization", agent).get(CONSENT + "/v1/whoami"));
    answers.put(
        "proxied 404 of a service",
        given().get(NOTICES + "/v1/public/notices/versions/" + "no-such-notice@1"));
    answers.put("own 401", given().get(CONSENT + "/v1/whoami"));
    answers.put(
        "own 403",
        given()
            .header("Authorization", "Bearer " + Stack.userToken("nobody"))
            .get(CONSENT + "/v1/whoami"));
    answers.put("own 404 under /api", given().get(Stack.GATEWAY + "/api/nothing-here"));
    answers.put("own 404 outside /api", given().get(Stack.GATEWAY + "/nothing-here"));
    answers.forEach(
        (what, answer) -> {
          assertNotEquals(500, answer.statusCode(), what);
          assertSecurityHeaders(what, answer::header);
        });
    assertEquals(200, answers.get("proxied 200").statusCode());
    assertEquals(404, answers.get("proxied 404 of a service").statusCode());
    assertEquals(401, answers.get("own 401").statusCode());
    assertEquals(403, answers.get("own 403").statusCode());
    assertEquals(404, answers.get("own 404 under /api").statusCode());
    assertEquals(404, answers.get("own 404 outside /api").statusCode());
    // the gateway's own answers may not be cached
    assertEquals("no-store", answers.get("own 401").header("Cache-Control"));
    assertEquals("no-store", answers.get("own 403").header("Cache-Control"));
  }

  @Test
  void aWellFormedRequestIdIsEchoedAndAnyOtherReplaced() {
    String agent = "Bearer " + Stack.userToken("agent");
    String given = "limits-it." + UUID.randomUUID() + ":1_a";
    // echoed on a proxied answer, a public one and the gateway's own
    given()
        .header("Authorization", agent)
        .header("X-Request-Id", given)
        .get(CONSENT + "/v1/whoami")
        .then()
        .statusCode(200)
        .header("X-Request-Id", given);
    given()
        .header("X-Request-Id", given)
        .get(Stack.GATEWAY + JWKS_PATH)
        .then()
        .statusCode(200)
        .header("X-Request-Id", given);
    given()
        .header("X-Request-Id", given)
        .get(CONSENT + "/v1/whoami")
        .then()
        .statusCode(401)
        .header("X-Request-Id", given);

    // not well formed: a space and a quote, or longer than 64 characters
    for (String bad : List.of("has space\"", "a".repeat(65))) {
      String replaced =
          given()
              .header("Authorization", agent)
              .header("X-Request-Id", bad)
              .get(CONSENT + "/v1/whoami")
              .then()
              .statusCode(200)
              .header("X-Request-Id", not(equalTo(bad)))
              .extract()
              .header("X-Request-Id");
      assertTrue(replaced.matches("[A-Za-z0-9._:-]{1,64}"), replaced);
    }
    // none given: one is made, and a new one for each request
    String first = given().get(Stack.GATEWAY + JWKS_PATH).header("X-Request-Id");
    String second = given().get(Stack.GATEWAY + JWKS_PATH).header("X-Request-Id");
    assertNotNull(first);
    assertNotNull(second);
    assertNotEquals(first, second);
  }

  // ---- 7. A spoofed X-Forwarded-For does not escape the per-address limit ----

  @Test
  void rotatingForwardedForDoesNotEscapeThePerAddressLimit() throws Exception {
    URI jwks = URI.create(Stack.GATEWAY + JWKS_PATH);
    int requests = 100;
    awaitConsentRouteClosedBreaker();
    sleep(PERIOD.plusMillis(200)); // a full budget for this client, whatever ran before
    List<HttpResponse<String>> answers;
    long elapsedMillis;
    try {
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> pending =
          IntStream.range(0, requests)
              .mapToObj(
                  i ->
                      HTTP.sendAsync(
                          HttpRequest.newBuilder(jwks)
                              .header("X-Forwarded-For", "203.0.113." + (i % 250 + 1))
                              .header("Forwarded", "for=198.51.100." + (i % 250 + 1))
                              .timeout(Duration.ofSeconds(10))
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
              .toList();
      answers = pending.stream().map(CompletableFuture::join).toList();
      elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    } finally {
      sleep(PERIOD.plusMillis(200)); // leave a full budget for the tests after this one
    }

    List<HttpResponse<String>> refused =
        answers.stream().filter(a -> a.statusCode() == 429).toList();
    long served = answers.stream().filter(a -> a.statusCode() == 200).count();
    assertEquals(
        requests,
        served + refused.size(),
        "only 200 or 429: " + answers.stream().map(HttpResponse::statusCode).toList());
    assertFalse(refused.isEmpty(), "no 429 among " + requests + " requests in " + elapsedMillis);
    // Each period the flood touched gives this one address one budget; had each claimed address
    // had its own, all would have been served.
    long periods = elapsedMillis / PERIOD.toMillis() + 2;
    assertTrue(
        served >= 1 && served <= PER_ADDRESS * periods,
        served + " served in " + elapsedMillis + " ms, at most " + PER_ADDRESS * periods);
    for (HttpResponse<String> answer : refused) {
      String retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
      assertNotNull(retryAfter, "429 without Retry-After");
      long seconds = Long.parseLong(retryAfter);
      assertTrue(
          seconds >= 1 && seconds <= PERIOD.toSeconds(),
          "Retry-After " + seconds + " for a period of " + PERIOD);
      assertTrue(
          answer
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/problem+json"));
      JsonNode problem = JSON.readTree(answer.body());
      assertEquals(429, problem.path("status").asInt(), answer.body());
      assertTrue(problem.path("type").asText().endsWith("/too-many-requests"), answer.body());
      assertSecurityHeaders("429", header(answer));
    }
    // The limiter refills: the same client is served again after the period.
    given().get(jwks).then().statusCode(200);
  }

  // ---- helpers ----

  /**
   * Waits until the consent route's circuit breaker is closed, with authenticated requests (the
   * per-user budget, not the per-address one): after a restart of consent-service the breaker may
   * be open, or half open and letting only a few calls through, and a flood would then meet 503s.
   * Twelve answers in a row from the service close a half-open breaker.
   */
  private static void awaitConsentRouteClosedBreaker() throws InterruptedException {
    String agent = "Bearer " + Stack.userToken("agent");
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int inARow = 0;
    int status = 0;
    while (inARow < 12) {
      status = given().header("Authorization", agent).get(CONSENT + "/v1/whoami").statusCode();
      inARow = status == 200 ? inARow + 1 : 0;
      if (status != 200) {
        assertTrue(System.nanoTime() < deadline, "the consent route does not serve: " + status);
        sleep(Duration.ofMillis(500));
      }
    }
  }

  /** The headers the gateway puts on every answer, its own or a service's. */
  private static void assertSecurityHeaders(String what, Function<String, String> header) {
    assertAll(
        what,
        () -> assertEquals("nosniff", header.apply("X-Content-Type-Options"), "nosniff"),
        () -> assertEquals("DENY", header.apply("X-Frame-Options"), "X-Frame-Options"),
        () -> assertEquals("no-referrer", header.apply("Referrer-Policy"), "Referrer-Policy"),
        () ->
            assertTrue(
                String.valueOf(header.apply("Strict-Transport-Security")).startsWith("max-age="),
                "HSTS: " + header.apply("Strict-Transport-Security")),
        () ->
            assertTrue(
                String.valueOf(header.apply("Content-Security-Policy"))
                    .contains("default-src 'none'"),
                "CSP: " + header.apply("Content-Security-Policy")),
        () -> assertNotNull(header.apply("Cache-Control"), "Cache-Control"),
        () -> assertNotNull(header.apply("X-Request-Id"), "X-Request-Id"),
        () -> assertNull(header.apply("Server"), "Server"),
        () -> assertNull(header.apply("X-Powered-By"), "X-Powered-By"));
  }

  private static Function<String, String> header(HttpResponse<?> answer) {
    return name -> answer.headers().firstValue(name).orElse(null);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A consent request (missing required fields) padded with a long field to about this size. */
  private static String consentPaddedTo(int bytes) {
    String head = "{\"subject\":{\"phone\":\"+393471234567\"},\"purpose\":\"x\",\"pad\":\"";
    return head + "a".repeat(bytes - head.length() - 2) + "\"}";
  }

  private static String sign(JWTClaimsSet claims, RSAKey key, JWSHeader.Builder header)
      throws Exception {
    SignedJWT jwt = new SignedJWT(header.type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}

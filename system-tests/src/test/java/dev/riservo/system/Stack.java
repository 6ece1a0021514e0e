package dev.riservo.system;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Where the running stack is, and real tokens from its Keycloak. */
final class Stack {

  static final String GATEWAY = System.getProperty("riservo.gateway.url", "http://localhost:8080");
  static final String KEYCLOAK =
      System.getProperty("riservo.keycloak.url", "http://localhost:8180");
  static final String TOKEN_ENDPOINT = KEYCLOAK + "/realms/riservo/protocol/openid-connect/token";

  /** Gateway prefix and the service behind it. */
  static final Map<String, String> SERVICES =
      Map.of(
          "/api/consent", "consent-service",
          "/api/rights", "subject-rights-service",
          "/api/notices", "notice-service");

  /**
   * Where {@code ./riservo up} writes each component's log ({@code <component>.log}): {@code
   * -Driservo.logs.dir}, else {@code $RISERVO_STATE_DIR/run/logs}, else the launcher's default
   * {@code .riservo/run/logs} at the root of the tree (this module's parent).
   */
  static final Path LOGS =
      Path.of(
          System.getProperty(
              "riservo.logs.dir",
              Optional.ofNullable(System.getenv("RISERVO_STATE_DIR"))
                  .map(dir -> dir + "/run/logs")
                  .orElse("../.riservo/run/logs")));

  /** Management ports: gateway, consent, rights, notice. */
  static final List<Integer> MANAGEMENT_PORTS = List.of(9080, 9081, 9082, 9083);

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private Stack() {}

  /** A demo user's access token from the password grant (local-only passwords). */
  static String userToken(String user) {
    return token(
        "user:" + user,
        Map.of(
            "grant_type",
            "password",
            "client_id",
            "riservo-staff",
            "username",
            user,
            "password",
            user + "-local"));
  }

  /** A service client's access token from the client-credentials grant. */
  static String clientToken(String clientId) {
    return token(
        "client:" + clientId,
        Map.of(
            "grant_type",
            "client_credentials",
            "client_id",
            clientId,
            "client_secret",
            clientId + "-local-secret"));
  }

  private static String token(String cacheKey, Map<String, String> form) {
    return TOKENS.computeIfAbsent(
        cacheKey,
        k ->
            given()
                .formParams(form)
                .post(TOKEN_ENDPOINT)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token"));
  }
}

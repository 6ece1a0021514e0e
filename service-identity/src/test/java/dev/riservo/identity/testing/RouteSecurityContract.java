package dev.riservo.identity.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.Roles;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Deny by default, proven by walking every route the service registers (its OpenAPI document lists
 * every JAX-RS resource method, including those of shared modules). Each service's test extends
 * this class with {@code @QuarkusTest}.
 */
public abstract class RouteSecurityContract {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** Routes, as {@code "GET /v1/receipts/jwks"}, that are public on purpose. */
  protected Set<String> publicRoutes() {
    return Set.of();
  }

  /** Routes that a call with every role must not be sent to (a side effect on real data). */
  protected Set<String> routesNotToCallWithEveryRole() {
    return Set.of();
  }

  /** Every registered route as {@code "METHOD /path"}, from the served OpenAPI document. */
  protected List<String> routes() {
    JsonPath doc =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    List<String> routes = new ArrayList<>();
    paths.forEach(
        (path, operations) ->
            operations.keySet().stream()
                .filter(METHODS::contains)
                .forEach(
                    method -> {
                      String route = method.toUpperCase() + " " + path;
                      routes.add(route);
                      bodyTypes.put(route, bodyType(operations.get(method)));
                    }));
    return routes;
  }

  /** What each route takes as its body (the first media type the document names). */
  private final Map<String, String> bodyTypes = new java.util.HashMap<>();

  @SuppressWarnings("unchecked")
  private static String bodyType(Object operation) {
    if (operation instanceof Map<?, ?> op
        && op.get("requestBody") instanceof Map<?, ?> body
        && body.get("content") instanceof Map<?, ?> content
        && !content.isEmpty()) {
      return (String) content.keySet().iterator().next();
    }
    return "application/json";
  }

  @Test
  void everyRouteIsListedIncludingWhoAmI() {
    assertTrue(routes().contains("GET /v1/whoami"), "the route walk found: " + routes());
  }

  @Test
  void everyNonPublicRouteAnswers401WithoutAToken() {
    for (String route : routes()) {
      if (publicRoutes().contains(route)) {
        continue;
      }
      Response response = call(given(), route);
      assertStatus(route + " without a token", 401, response);
    }
  }

  /**
   * Riservo uses signed JWTs only (issue 14, item 5): a bearer value that is not a JWT is refused
   * here, with a 401 problem, without asking Keycloak (token introspection is off) and without an
   * ERROR line (a stranger's garbage is not the service's failure).
   */
  @Test
  void aBearerThatIsNoJwtIs401WithoutIntrospectionNorAnError() {
    Config config = ConfigProvider.getConfig();
    for (String property :
        List.of(
            "quarkus.oidc.token.allow-opaque-token-introspection",
            "quarkus.oidc.token.allow-jwt-introspection")) {
      assertEquals(
          Optional.of(false),
          config.getOptionalValue(property, Boolean.class),
          property + " must be false: a token is verified locally or refused");
    }
    List<String> errors = new CopyOnWriteArrayList<>();
    Handler capture = new ErrorCapture(errors);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      for (String bearer :
          List.of("Bearer opaque-" + UUID.randomUUID(), "Bearer a.b", "Bearer x.y.z", "Bearer ")) {
        for (String route : routes()) {
          if (publicRoutes().contains(route)) {
            continue;
          }
          Response response = call(given().header("Authorization", bearer), route);
          assertStatus(route + " with '" + bearer + "'", 401, response);
        }
      }
    } finally {
      root.removeHandler(capture);
    }
    assertEquals(List.of(), errors, "ERROR lines while refusing tokens that are not JWTs");
  }

  /** Keeps the logger and message of every ERROR record. */
  private static final class ErrorCapture extends Handler {
    private final List<String> errors;

    ErrorCapture(List<String> errors) {
      this.errors = errors;
      setLevel(Level.SEVERE);
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(record.getLoggerName() + ": " + record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void everyNonPublicRouteAnswers403ToATokenWithoutARiservoRole() {
    String token = TestTokens.bearer("nobody", "offline_access", "uma_authorization");
    for (String route : routes()) {
      if (publicRoutes().contains(route)) {
        continue;
      }
      Response response = call(given().header("Authorization", token), route);
      assertStatus(route + " with a token holding no Riservo role", 403, response);
    }
  }

  @Test
  void everyRouteOpensToSomeRiservoRole() {
    String token = TestTokens.bearer("everyone", Roles.ALL.toArray(String[]::new));
    for (String route : routes()) {
      if (routesNotToCallWithEveryRole().contains(route)) {
        continue;
      }
      int status = call(given().header("Authorization", token), route).statusCode();
      assertFalse(
          status == 401 || status == 403,
          route + " refused a token holding every role (" + status + "): no role annotation?");
    }
  }

  private Response call(RequestSpecification request, String route) {
    String method = route.substring(0, route.indexOf(' '));
    String path =
        route
            .substring(route.indexOf(' ') + 1)
            .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    if (!method.equals("GET") && !method.equals("DELETE")) {
      request = request.contentType(bodyTypes.getOrDefault(route, "application/json")).body("{}");
    }
    return request.request(method, path);
  }

  private static void assertStatus(String what, int expected, Response response) {
    assertTrue(
        response.statusCode() == expected,
        what + ": expected " + expected + " but got " + response.statusCode());
    assertTrue(
        response.contentType().startsWith("application/problem+json"),
        what + ": expected a problem document but got " + response.contentType());
  }
}

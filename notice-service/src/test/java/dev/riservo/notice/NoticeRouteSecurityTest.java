package dev.riservo.notice;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.identity.testing.RouteSecurityContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deny by default: every route of notice-service refuses callers without a token or a role. */
@QuarkusTest
class NoticeRouteSecurityTest extends RouteSecurityContract {

  /** Published notices are public: anyone may read what they were (or will be) told. */
  @Override
  protected Set<String> publicRoutes() {
    return Set.of(
        "GET /v1/notices/{noticeId}/versions",
        "GET /v1/notices/{noticeId}/versions/{version}",
        "GET /v1/notices/versions/{id}");
  }

  @Test
  void thePublicRoutesAnswerWithoutAToken() {
    for (String route : publicRoutes()) {
      String path =
          route.substring(4).replace("{version}", "1").replaceAll("\\{[^}]+}", "no-such-notice");
      // Nothing is published under that name: 404, not 401.
      assertEquals(404, given().get(path).statusCode(), route);
    }
  }
}

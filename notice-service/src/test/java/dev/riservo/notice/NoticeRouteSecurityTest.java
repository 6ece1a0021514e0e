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

  /**
   * Published versions in force are public, under their own prefix: anyone may read what they were
   * told. (Until issue 15 the staff reads under /v1/notices were public too.)
   */
  @Override
  protected Set<String> publicRoutes() {
    return Set.of(
        "GET /v1/public/notices/{noticeId}/current", "GET /v1/public/notices/versions/{id}");
  }

  @Test
  void thePublicRoutesAnswerWithoutAToken() {
    for (String route : publicRoutes()) {
      String path =
          route
              .substring(4)
              .replace("{id}", "no-such-notice@1")
              .replace("{noticeId}", "no-such-notice");
      // Nothing is published under that name: 404, not 401.
      assertEquals(404, given().queryParam("language", "it").get(path).statusCode(), route);
    }
  }
}

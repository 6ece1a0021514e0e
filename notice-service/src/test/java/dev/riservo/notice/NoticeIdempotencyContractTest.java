package dev.riservo.notice;

import dev.riservo.idempotency.testing.IdempotencyContract;
import dev.riservo.identity.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * The shared Idempotency-Key contract (idempotency module's test-jar), on publishing a plain-text
 * version: each valid request publishes the notice's next version.
 */
@QuarkusTest
class NoticeIdempotencyContractTest extends IdempotencyContract {

  private static final String NOTICE = NoticeFixtures.noticeId();

  @Override
  protected RequestSpecification as(String principal) {
    return NoticeFixtures.as(TestTokens.bearer(principal, "dpo"));
  }

  @Override
  protected String path() {
    return "/v1/notices/" + NOTICE + "/versions";
  }

  @Override
  protected Object request() {
    return NoticeFixtures.body("text " + UUID.randomUUID());
  }

  @Override
  protected Object refusedRequest() {
    return Map.of("language", "it", "title", "no text", "content", "");
  }
}

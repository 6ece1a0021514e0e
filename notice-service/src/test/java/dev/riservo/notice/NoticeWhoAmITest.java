package dev.riservo.notice;

import dev.riservo.identity.testing.WhoAmIContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NoticeWhoAmITest extends WhoAmIContract {

  @Override
  protected String service() {
    return "notice-service";
  }
}

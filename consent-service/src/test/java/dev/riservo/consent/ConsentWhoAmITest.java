package dev.riservo.consent;

import dev.riservo.identity.testing.WhoAmIContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsentWhoAmITest extends WhoAmIContract {

  @Override
  protected String service() {
    return "consent-service";
  }
}

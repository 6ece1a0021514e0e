package dev.riservo.rights;

import dev.riservo.identity.testing.WhoAmIContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RightsWhoAmITest extends WhoAmIContract {

  @Override
  protected String service() {
    return "subject-rights-service";
  }
}

package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.now;
import static dev.riservo.consent.ConsentFixtures.randomPhone;

import dev.riservo.idempotency.testing.IdempotencyContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** The shared Idempotency-Key contract, on consent recording. */
@QuarkusTest
class ConsentIdempotencyContractTest extends IdempotencyContract {

  @Override
  protected RequestSpecification as(String principal) {
    return ConsentFixtures.as(agent(principal));
  }

  @Override
  protected String path() {
    return "/v1/consents";
  }

  @Override
  protected Object request() {
    return givenOnCall(randomPhone(), ensurePurpose("idempotency-contract", "TELEMARKETING"));
  }

  @Override
  protected Object refusedRequest() {
    Map<String, Object> future = givenOnCall(randomPhone(), "no-such-purpose");
    future.put("occurredAt", now().plusSeconds(3600).toString());
    return future;
  }
}

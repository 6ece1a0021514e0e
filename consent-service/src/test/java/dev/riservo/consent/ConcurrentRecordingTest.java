package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.postConsent;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.identity.testing.AuditVerificationClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many agents recording at once: every consent lands, and the audit trail stays one chain. */
@QuarkusTest
class ConcurrentRecordingTest {

  @Test
  void manyConcurrentFirstConsentsAllLandAndTheAuditTrailStaysIntact() throws Exception {
    String purpose = ensurePurpose("concurrent-telemarketing", "TELEMARKETING");
    ExecutorService pool = Executors.newFixedThreadPool(24);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(
            pool.submit(() -> postConsent(givenOnCall(randomPhone(), purpose)).statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      assertEquals(200, statuses.stream().filter(s -> s == 201).count(), "answers: " + statuses);
    } finally {
      pool.shutdown();
    }
    AuditVerificationClient.verify().body("intact", equalTo(true));
  }
}

package dev.riservo.notice.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.notice.roster.domain.RosterUnavailable;
import dev.riservo.notice.roster.domain.StaffMember;
import dev.riservo.notice.roster.service.StaffRoster;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The roster is read once per cache period, and a roster that cannot be read is an error of its
 * own.
 */
@QuarkusTest
class StaffRosterTest {

  @Inject StaffRoster roster;
  @Inject CircuitBreakerMaintenance breakers;

  @AfterEach
  void healthy() {
    FakeRosterSource.down(false);
    breakers.resetAll();
    roster.forget();
  }

  @Test
  void theRosterIsReadOnceAndKept() {
    FakeRosterSource.add(FakeRosterSource.account("rita-roster", "supervisor"));
    roster.forget();
    int before = FakeRosterSource.reads();
    List<StaffMember> first = roster.members().await().atMost(Duration.ofSeconds(5));
    List<StaffMember> second = roster.members().await().atMost(Duration.ofSeconds(5));
    assertEquals(first, second);
    assertEquals(1, FakeRosterSource.reads() - before, "one read, then the cache");
    assertTrue(first.contains(new StaffMember("sub-rita-roster", "rita-roster")));
  }

  @Test
  void anUnreadableRosterIsRosterUnavailableAfterOneRetry() {
    FakeRosterSource.down(true);
    roster.forget();
    int before = FakeRosterSource.reads();
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> roster.members().await().atMost(Duration.ofSeconds(15)));
    assertInstanceOf(RosterUnavailable.class, e);
    assertEquals(2, FakeRosterSource.reads() - before, "the read and one retry");
  }
}

package dev.riservo.consent;

import dev.riservo.consent.clock.ServiceClock;
import io.quarkus.test.junit.QuarkusMock;
import java.time.Instant;

/**
 * The server's now, stood still at an instant for one test: an agent's dial check decides for now,
 * so a test that needs a working morning stands there instead of depending on when it runs.
 */
final class FixedClock extends ServiceClock {

  private final Instant now;

  private FixedClock(Instant now) {
    this.now = now;
  }

  /** From here to the end of the current test, the service's now is {@code now}. */
  static void standAt(Instant now) {
    QuarkusMock.installMockForType(new FixedClock(now), ServiceClock.class);
  }

  @Override
  public Instant now() {
    return now;
  }
}

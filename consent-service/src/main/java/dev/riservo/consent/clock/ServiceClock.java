package dev.riservo.consent.clock;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The server's now, for decisions that must be taken for the present instant (an agent's dial
 * check). One bean, so a test can stand at a fixed instant ({@code QuarkusMock}) instead of
 * depending on the hour it runs.
 */
@ApplicationScoped
public class ServiceClock {

  /** Now, to the microsecond PostgreSQL keeps. */
  public Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}

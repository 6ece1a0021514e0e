package dev.riservo.encryption.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness DOWN until the shred ledger has been replayed: a key database restored from an older
 * backup is shredded again before the service takes traffic. Counts only, no subject.
 */
@Readiness
@ApplicationScoped
public class ShredLedgerReadiness implements HealthCheck {

  private final ShredLedgerReplay replay;

  public ShredLedgerReadiness(ShredLedgerReplay replay) {
    this.replay = replay;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("field-encryption shred ledger").status(replay.done());
    replay
        .report()
        .ifPresent(
            report ->
                response
                    .withData("erasedSubjects", report.ledgered())
                    .withData("shreddedAgain", report.shreddedAgain()));
    replay.failure().ifPresent(failure -> response.withData("replayFailure", failure));
    return response.build();
  }
}

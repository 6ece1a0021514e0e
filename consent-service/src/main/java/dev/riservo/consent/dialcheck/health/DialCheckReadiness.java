package dev.riservo.consent.dialcheck.health;

import dev.riservo.consent.dialcheck.service.DialLedger;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.rpo.service.RpoRegister;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN until the dial checks' state is in memory (the register, the number directory,
 * the counts of the frequency caps). A replica that cannot load it (a register too large for its
 * heap) stays DOWN, and its log says why, instead of answering every dial check with 503.
 */
@Readiness
@ApplicationScoped
public class DialCheckReadiness implements HealthCheck {

  private final RpoRegister register;
  private final NumberDirectory directory;
  private final DialLedger ledger;

  public DialCheckReadiness(RpoRegister register, NumberDirectory directory, DialLedger ledger) {
    this.register = register;
    this.directory = directory;
    this.ledger = ledger;
  }

  @Override
  public HealthCheckResponse call() {
    boolean registerLoaded = register.loaded();
    return HealthCheckResponse.named("dial-check state")
        .status(registerLoaded && directory.loaded() && ledger.loaded())
        .withData("register", registerLoaded ? "loaded" : "loading")
        .withData("registerNumbers", register.size())
        .withData("numberDirectory", directory.loaded() ? "loaded" : "loading")
        .withData("frequencyCaps", ledger.loaded() ? "loaded" : "loading")
        .build();
  }
}

package dev.riservo.consent.dialcheck.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.consent.dialcheck.service.DialLedger;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.rpo.service.RpoRegister;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Readiness is DOWN until every part of the dial checks' state is in memory. */
class DialCheckReadinessTest {

  private static RpoRegister register(boolean loaded) {
    return new RpoRegister(null, null) {
      @Override
      public boolean loaded() {
        return loaded;
      }
    };
  }

  private static NumberDirectory directory(boolean loaded) {
    return new NumberDirectory(null) {
      @Override
      public boolean loaded() {
        return loaded;
      }
    };
  }

  private static DialLedger ledger(boolean loaded) {
    return new DialLedger(null) {
      @Override
      public boolean loaded() {
        return loaded;
      }
    };
  }

  @ParameterizedTest(name = "register {0}, directory {1}, caps {2}: {3}")
  @CsvSource({
    "true, true, true, UP",
    "false, true, true, DOWN",
    "true, false, true, DOWN",
    "true, true, false, DOWN",
    "false, false, false, DOWN"
  })
  @DisplayName("a replica whose register failed to load (too large for its heap) is not ready")
  void downUntilEverythingIsLoaded(
      boolean register, boolean directory, boolean ledger, HealthCheckResponse.Status expected) {
    DialCheckReadiness readiness =
        new DialCheckReadiness(register(register), directory(directory), ledger(ledger));

    assertEquals(expected, readiness.call().getStatus());
  }
}

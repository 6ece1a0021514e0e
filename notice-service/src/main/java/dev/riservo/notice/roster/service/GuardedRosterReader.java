package dev.riservo.notice.roster.service;

import dev.riservo.notice.roster.domain.StaffAccount;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The one place the roster source is called, behind a timeout (a whole read, every page), one retry
 * and a circuit breaker: while Keycloak is down, callers get a 503 at once rather than waiting for
 * each timeout. Values can be tuned with MicroProfile Fault Tolerance properties ({@code
 * dev.riservo.notice.roster.service.GuardedRosterReader/read/Timeout/value}).
 */
@ApplicationScoped
public class GuardedRosterReader {

  private final RosterSource source;

  public GuardedRosterReader(RosterSource source) {
    this.source = source;
  }

  @Timeout(10_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000)
  public Uni<List<StaffAccount>> read() {
    return source.accounts();
  }
}

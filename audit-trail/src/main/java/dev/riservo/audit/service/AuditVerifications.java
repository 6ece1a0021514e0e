package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.domain.VerificationRun;
import dev.riservo.audit.repository.AuditVerificationRuns;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifications of the audit trail, run in the background and followed by id from any replica. At
 * most one runs per database: {@link #start} starts one or answers the one running. The replica
 * that runs it writes its progress every {@code riservo.audit.verification-heartbeat}; one silent
 * for {@code riservo.audit.verification-stale-after} (its replica stopped) is reported failed.
 * Finished verifications stay readable for {@code riservo.audit.verification-retention}, at most
 * {@code riservo.audit.verification-keep} of them. Nothing here blocks: every step is a reactive
 * statement.
 */
@ApplicationScoped
public class AuditVerifications {

  static final String ABANDONED =
      "The replica running this verification stopped before it finished";

  private final AuditTrail trail;
  private final AuditVerificationRuns runs;
  private final Vertx vertx;
  private final Duration heartbeat;
  private final Duration staleAfter;
  private final Duration retention;
  private final int keep;

  public AuditVerifications(
      AuditTrail trail,
      AuditVerificationRuns runs,
      Vertx vertx,
      @ConfigProperty(name = "riservo.audit.verification-heartbeat", defaultValue = "PT1S")
          Duration heartbeat,
      @ConfigProperty(name = "riservo.audit.verification-stale-after", defaultValue = "PT30S")
          Duration staleAfter,
      @ConfigProperty(name = "riservo.audit.verification-retention", defaultValue = "PT24H")
          Duration retention,
      @ConfigProperty(name = "riservo.audit.verification-keep", defaultValue = "20") int keep) {
    this.trail = trail;
    this.runs = runs;
    this.vertx = vertx;
    this.heartbeat = heartbeat;
    this.staleAfter = staleAfter;
    this.retention = retention;
    this.keep = keep;
  }

  /**
   * Starts a verification, or answers the one already running (null only if one kept finishing and
   * starting under our feet: the caller may try again).
   */
  public Uni<VerificationRun> start() {
    return runs.abandonStale(staleAfter, ABANDONED)
        .chain(() -> runs.prune(retention, keep))
        .chain(() -> claim(3));
  }

  /** The verification with this id, or null (none, or its result has expired). */
  public Uni<VerificationRun> find(UUID id) {
    return runs.abandonStale(staleAfter, ABANDONED).chain(() -> runs.find(id, retention));
  }

  private Uni<VerificationRun> claim(int attempts) {
    return runs.insertRunning(UUID.randomUUID())
        .chain(
            created -> {
              if (created != null) {
                launch(created.id());
                return Uni.createFrom().item(created);
              }
              return runs.running()
                  .chain(
                      running ->
                          running != null || attempts <= 1
                              ? Uni.createFrom().item(running)
                              : claim(attempts - 1));
            });
  }

  /** Runs the verification in the background, writing its progress until it is done. */
  private void launch(UUID id) {
    AtomicReference<AuditVerifier.Progress> progress = new AtomicReference<>();
    long timer = vertx.setPeriodic(heartbeat.toMillis(), tick -> beat(id, progress.get()));
    trail
        .verify(progress::set)
        .call(verdict -> runs.finish(id, verdict, total(progress.get())))
        .onFailure()
        .call(failure -> runs.fail(id, "The verification could not complete; it has been logged"))
        .eventually(() -> vertx.cancelTimer(timer))
        .subscribe()
        .with(
            verdict -> logVerdict(id, verdict),
            failure ->
                Log.errorf("audit verification %s failed: %s", id, failure.getClass().getName()));
  }

  private void beat(UUID id, AuditVerifier.Progress at) {
    runs.heartbeat(id, at == null ? 0 : at.checked(), total(at))
        .subscribe()
        .with(
            done -> {},
            failure ->
                Log.warnf(
                    "audit verification %s: progress not written (%s)",
                    id, failure.getClass().getSimpleName()));
  }

  private static Long total(AuditVerifier.Progress at) {
    return at == null ? null : at.of();
  }

  private static void logVerdict(UUID id, AuditVerification verdict) {
    if (verdict.intact()) {
      Log.infof("audit verification %s: %d entries intact", id, verdict.entriesChecked());
    } else {
      Log.warnf("audit verification %s: broken at entry %d", id, verdict.brokenAt());
    }
  }
}

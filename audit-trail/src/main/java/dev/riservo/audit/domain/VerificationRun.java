package dev.riservo.audit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One verification of the audit trail, running or finished.
 *
 * @param id the verification's id
 * @param startedAt when it started
 * @param finishedAt when it finished, or null while it runs
 * @param entriesChecked entries checked so far (when finished: those found intact)
 * @param entriesTotal entries up to the head it walks to, or null until the walk has begun
 * @param result the verdict once finished, or null
 * @param failure why it could not finish (no personal data), or null
 */
public record VerificationRun(
    UUID id,
    Instant startedAt,
    Instant finishedAt,
    long entriesChecked,
    Long entriesTotal,
    AuditVerification result,
    String failure) {

  /** Where a verification is. */
  public enum State {
    /** Still walking the trail. */
    RUNNING,
    /** Done: {@link #result()} holds the verdict. */
    FINISHED,
    /** Stopped without a verdict: {@link #failure()} says why. */
    FAILED
  }

  public State state() {
    if (finishedAt == null) {
      return State.RUNNING;
    }
    return failure == null ? State.FINISHED : State.FAILED;
  }
}

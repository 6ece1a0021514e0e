package dev.riservo.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.domain.VerificationRun;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A verification of the audit trail as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditVerificationStatus")
public record AuditVerificationStatus(
    @Schema(description = "The verification's id") UUID id,
    @Schema(description = "RUNNING, FINISHED (see result) or FAILED (see failure)") String state,
    @Schema(description = "When it started") Instant startedAt,
    @Schema(description = "When it finished; absent while it runs") Instant finishedAt,
    @Schema(description = "Entries checked so far; when finished, those found intact")
        long entriesChecked,
    @Schema(description = "Entries up to the head it walks to; absent until the walk begins")
        Long entriesTotal,
    @Schema(description = "The verdict, once FINISHED") AuditVerification result,
    @Schema(description = "Why it stopped without a verdict, when FAILED") String failure) {

  static AuditVerificationStatus of(VerificationRun run) {
    return new AuditVerificationStatus(
        run.id(),
        run.state().name(),
        run.startedAt(),
        run.finishedAt(),
        run.entriesChecked(),
        run.entriesTotal(),
        run.result(),
        run.failure());
  }
}

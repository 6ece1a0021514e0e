package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.notice.acknowledgements.domain.Acknowledgement;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recorded acknowledgement, as its author (or the DPO) sees it. */
@Schema(description = "An acknowledgement of a staff notice version")
public record AcknowledgementView(
    String noticeId,
    @Schema(examples = "staff-policy@3") String versionId,
    int version,
    @Schema(description = "The hash acknowledged, lower-case hex") String hash,
    @Schema(description = "Keycloak subject id (the token's sub)") String subjectId,
    String username,
    Instant acknowledgedAt) {

  static AcknowledgementView of(Acknowledgement a) {
    return new AcknowledgementView(
        a.noticeId(),
        a.versionId().toString(),
        a.version(),
        a.hash(),
        a.subjectId(),
        a.username(),
        a.acknowledgedAt());
  }
}

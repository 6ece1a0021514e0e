package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.notice.acknowledgements.domain.PolicyDecision;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** consent-service's question: may this member of staff work under the staff policy now? */
@Schema(description = "Whether a member of staff has acknowledged the staff policy in force")
public record PolicyView(
    String subjectId,
    @Schema(description = "The staff policy's notice key", examples = "staff-policy") String policy,
    @Schema(description = "riservo.notice.staff-policy.enforce") boolean enforced,
    @Schema(description = "false: refuse with 403 policy-not-acknowledged") boolean allowed,
    @Schema(description = "NOT_ENFORCED, NO_VERSION_IN_FORCE, ACKNOWLEDGED or NOT_ACKNOWLEDGED")
        String reason,
    @Schema(description = "The policy's versions in force now") List<String> currentVersions,
    @Schema(description = "The current version the person acknowledged, if any")
        String acknowledgedVersion,
    @Schema(description = "When a scheduled version takes effect (answers may change then)")
        Instant validUntil,
    @Schema(description = "How long the answer may be reused, as in Cache-Control max-age")
        long maxAgeSeconds) {

  static PolicyView of(String subjectId, String policy, PolicyDecision d, long maxAgeSeconds) {
    return new PolicyView(
        subjectId,
        policy,
        d.enforced(),
        d.allowed(),
        d.reason().name(),
        d.currentVersions().stream().map(NoticeVersionId::toString).toList(),
        d.acknowledgedVersion() == null ? null : d.acknowledgedVersion().toString(),
        d.validUntil(),
        maxAgeSeconds);
  }
}

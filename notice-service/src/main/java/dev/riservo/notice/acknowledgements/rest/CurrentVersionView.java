package dev.riservo.notice.acknowledgements.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version in force now: what to read and acknowledge, with the hash to send. */
@Schema(description = "A staff notice version in force now (one per language)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CurrentVersionView(
    @Schema(examples = "staff-policy@3") String id,
    String language,
    String title,
    String documentHash,
    String contentHash,
    Instant effectiveFrom) {

  static CurrentVersionView of(NoticeVersion v) {
    return new CurrentVersionView(
        v.id().toString(),
        v.language(),
        v.title(),
        v.documentHash(),
        v.contentHash(),
        v.inForceFrom());
  }
}

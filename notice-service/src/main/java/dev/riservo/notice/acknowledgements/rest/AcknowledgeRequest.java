package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.notice.versions.domain.NoticeVersionId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a member of staff acknowledges: a version of a staff notice, and the hash they saw. */
@Schema(description = "An acknowledgement of the version of a STAFF notice in force now")
public record AcknowledgeRequest(
    @NotNull
        @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
        @Schema(required = true, examples = "staff-policy")
        String noticeId,
    @NotNull
        @Pattern(
            regexp = "^[a-z0-9][a-z0-9-]{1,63}@" + NoticeVersionId.VERSION + "$",
            message = "must be {noticeId}@{version}")
        @Schema(required = true, examples = "staff-policy@3")
        String versionId,
    @NotNull
        @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be 64 hex digits (SHA-256)")
        @Schema(
            required = true,
            description = "The version's documentHash (or, for a plain-text version, contentHash)")
        String hash) {}

package dev.riservo.notice.versions.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published version without its text: the publish answer and each entry of the list. */
@Schema(description = "A published notice version, without its text")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeVersionSummary(
    @Schema(description = "{noticeId}@{version}: what a presentation records", examples = "tm-it@2")
        String id,
    String noticeId,
    int version,
    String language,
    String title,
    @Schema(description = "Lower-case hex SHA-256 of the content's (the body's) UTF-8 bytes")
        String contentHash,
    @Schema(
            description =
                "Lower-case hex hash (hashAlg) of the version's structured document in RFC 8785"
                    + " canonical JSON; absent on versions published before structured notices")
        String documentHash,
    @Schema(examples = "SHA-256/RFC8785") String hashAlg,
    Instant publishedAt,
    @Schema(description = "When it takes (took) effect; older versions: when published")
        Instant effectiveFrom,
    @Schema(description = "Who published it (the DPO's user name)") String publishedBy,
    @Schema(description = "Published as a material change (only on the publication's answer)")
        Boolean material,
    @Schema(
            description =
                "The notification campaign a material change opened (only on the publication's"
                    + " answer)")
        java.util.UUID notificationCampaign) {

  /** The same, as the publication answers it. */
  public NoticeVersionSummary published(boolean isMaterial, java.util.UUID campaign) {
    return new NoticeVersionSummary(
        id,
        noticeId,
        version,
        language,
        title,
        contentHash,
        documentHash,
        hashAlg,
        publishedAt,
        effectiveFrom,
        publishedBy,
        isMaterial,
        campaign);
  }

  public static NoticeVersionSummary of(NoticeVersion v) {
    return new NoticeVersionSummary(
        v.id().toString(),
        v.noticeId(),
        v.version(),
        v.language(),
        v.title(),
        v.contentHash(),
        v.documentHash(),
        v.structured() ? dev.riservo.notice.content.domain.CanonicalJson.HASH_ALG : null,
        v.publishedAt(),
        v.inForceFrom(),
        v.publishedBy(),
        null,
        null);
  }
}

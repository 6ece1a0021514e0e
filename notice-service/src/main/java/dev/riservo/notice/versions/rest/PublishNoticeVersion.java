package dev.riservo.notice.versions.rest;

import dev.riservo.notice.validation.StorableText;
import dev.riservo.notice.versions.service.NoticeVersionService.NoticeDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new version of a notice as the DPO sends it. */
@Schema(description = "A new version of a privacy notice")
public record PublishNoticeVersion(
    @Schema(description = "BCP 47 language tag of the text", examples = "it")
        @NotBlank
        @Size(max = 16)
        @Pattern(
            regexp = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
            message = "must be a BCP 47 language tag such as it or it-IT")
        String language,
    @Schema(description = "The notice's title", examples = "Informativa privacy - telemarketing")
        @NotBlank
        @Size(max = 200)
        @StorableText(maxBytes = 800)
        String title,
    @Schema(
            description =
                "The full text, exactly as presented; its SHA-256 (UTF-8 bytes) is the version's"
                    + " contentHash. At most 256 KB (262,144 bytes) in UTF-8.")
        @NotBlank
        @StorableText(maxBytes = PublishNoticeVersion.MAX_CONTENT_BYTES)
        String content) {

  /** 256 KB of UTF-8. */
  public static final int MAX_CONTENT_BYTES = 256 * 1024;

  NoticeDraft draft(String noticeId) {
    return new NoticeDraft(noticeId, language, title, content);
  }
}

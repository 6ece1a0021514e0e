package dev.riservo.notice.drafts.rest;

import dev.riservo.notice.content.domain.Languages;
import dev.riservo.notice.content.domain.NoticeContent;
import dev.riservo.notice.drafts.domain.DraftInput;
import dev.riservo.notice.validation.Language;
import dev.riservo.notice.validation.PlainText;
import dev.riservo.notice.validation.StorableText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A draft as the DPO writes it; every section may still be missing (see the draft's missing). */
@Schema(description = "A draft of a notice version")
public record DraftRequest(
    @Schema(description = "ISO 639-1 language, optionally with region", examples = "it")
        @NotNull
        @Language
        String language,
    @Schema(examples = "Informativa per le chiamate in uscita") @NotNull @PlainText(max = 200)
        String title,
    @Schema(description = "The structured content (GDPR Art. 13/14 sections)") @Valid
        NoticeContent content,
    @Schema(description = "The text presented, in Markdown; at most 256 KB of UTF-8")
        @StorableText(maxBytes = DraftRequest.MAX_BODY_BYTES)
        @PlainText(max = DraftRequest.MAX_BODY_BYTES)
        String body,
    @Schema(description = "IVR_PROMPT notices: lower-case hex SHA-256 of the audio file played")
        @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lower-case hex digits")
        String audioSha256) {

  /** 256 KB of UTF-8. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  DraftInput input() {
    return new DraftInput(
        Languages.canonical(language).orElseThrow(), title, content, body, audioSha256);
  }
}

package dev.riservo.notice.current.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.notice.current.service.CurrentNotices.Current;
import dev.riservo.notice.versions.rest.NoticeVersionDocument;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The version in force at an instant, and whether it is the fallback language's. */
@Schema(description = "The notice version in force at an instant")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CurrentNoticeView(
    @Schema(examples = "en") String languageRequested,
    @Schema(description = "The language of the version served", examples = "it") String language,
    @Schema(
            description =
                "true when no version in the language asked for was in force and the"
                    + " notice's fallback language is served")
        boolean fallback,
    @Schema(description = "Says so in words when the fallback language is served") String note,
    @Schema(description = "When a later version, already published, takes over (absent: none yet)")
        Instant validUntil,
    NoticeVersionDocument version) {

  static CurrentNoticeView of(Current current, boolean publicRead) {
    NoticeVersionDocument document =
        publicRead
            ? NoticeVersionDocument.ofPublic(current.text())
            : NoticeVersionDocument.of(current.text());
    String served = current.text().version().language();
    return new CurrentNoticeView(
        current.languageRequested(),
        served,
        current.fallback(),
        current.fallback()
            ? "No version in '"
                + current.languageRequested()
                + "' is in force at that instant; this is the notice's fallback language, '"
                + served
                + "'"
            : null,
        current.validUntil(),
        document);
  }
}

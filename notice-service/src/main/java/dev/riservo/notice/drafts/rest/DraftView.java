package dev.riservo.notice.drafts.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.notice.content.domain.NoticeContent;
import dev.riservo.notice.content.domain.Section;
import dev.riservo.notice.drafts.domain.Draft;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A draft with what it still lacks to be published. */
@Schema(description = "A draft of a notice version")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftView(
    UUID id,
    String noticeId,
    @Schema(description = "DRAFT (editable) or PUBLISHED (immutable)") String status,
    Integer publishedVersion,
    String language,
    String title,
    NoticeContent content,
    String body,
    String audioSha256,
    int revision,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    @Schema(description = "Sections the notice's audience must be told and the draft lacks")
        List<Missing> missing) {

  /** A missing section: where it goes, the provision requiring it, and what it must say. */
  public record Missing(String field, String provision, String what) {
    static Missing of(Section s) {
      return new Missing(s.field(), s.provision(), s.what());
    }
  }

  static DraftView of(Draft d) {
    return new DraftView(
        d.id(),
        d.noticeId(),
        d.publishedVersion() == null ? "DRAFT" : "PUBLISHED",
        d.publishedVersion(),
        d.language(),
        d.title(),
        d.content(),
        d.body(),
        d.audioSha256(),
        d.revision(),
        d.createdAt(),
        d.createdBy(),
        d.updatedAt(),
        d.updatedBy(),
        d.missing().stream().map(Missing::of).toList());
  }
}

package dev.riservo.notice.presentations.rest;

import dev.riservo.notice.content.domain.Languages;
import dev.riservo.notice.presentations.domain.DeliveryMode;
import dev.riservo.notice.presentations.domain.RecordingId;
import dev.riservo.notice.presentations.service.PresentationService;
import dev.riservo.notice.subjectdata.service.SubjectIdentifiers;
import dev.riservo.notice.validation.Language;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A presentation as the agent or the telephony system sends it. */
@Schema(description = "A notice version presented to a person")
public record PresentationRequest(
    @Schema(description = "The person: at least one identifier (sealed, never in a URL)")
        @Valid
        @NotNull
        SubjectIdentifiers subject,
    @Valid @NotNull Notice notice,
    @Schema(description = "The language actually presented (the version's)", examples = "it")
        @NotBlank
        @Language
        String language,
    @NotNull DeliveryMode deliveryMode,
    @Schema(description = "When it was presented (default now; not in the future)")
        Instant presentedAt,
    @Schema(description = "The agent who read it; agents leave it out (taken from the token)")
        @Size(max = 128)
        @Pattern(regexp = "^[A-Za-z0-9._@-]+$", message = "must be a staff user name")
        String agentId,
    @Valid Recording recording) {

  /** The version presented: its id and one of its hashes. */
  @Schema(description = "The version presented: its id and its contentHash or documentHash")
  public record Notice(
      @Schema(examples = "outbound-call@3")
          @NotBlank
          @Size(max = 80)
          @Pattern(
              regexp = "^[a-z0-9][a-z0-9-]{1,63}@[1-9][0-9]{0,8}$",
              message = "must be {noticeId}@{version}")
          String id,
      @NotBlank @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be a SHA-256 in lower-case hex")
          String hash) {}

  /** The call recording as evidence, and the offset of the presentation in it. */
  public record Recording(
      @NotBlank @Pattern(regexp = RecordingId.PATTERN, message = RecordingId.MESSAGE) String id,
      @NotNull @PositiveOrZero Long offsetMs) {}

  PresentationService.Request toService() {
    return new PresentationService.Request(
        subject,
        notice.id(),
        notice.hash(),
        Languages.canonical(language).orElseThrow(),
        deliveryMode,
        presentedAt,
        agentId,
        recording == null ? null : recording.id(),
        recording == null ? null : recording.offsetMs());
  }
}

package dev.riservo.notice.subjectdata.rest;

import dev.riservo.notice.subjectdata.domain.RestrictionGround;
import dev.riservo.notice.subjectdata.service.SubjectIdentifiers;
import dev.riservo.notice.validation.StorableText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies and answers of the internal data-source contract. */
public final class SubjectDataRequests {

  private SubjectDataRequests() {}

  /** The subjects found (none or one). */
  public record SearchResult(List<UUID> subjectRefs) {}

  /** Art. 16: identifiers to replace, and/or the subject's supplementary statement. */
  @Schema(description = "Identifiers to replace and/or a supplementary statement (at least one)")
  public record Rectification(
      @Valid SubjectIdentifiers identifiers,
      @Schema(description = "The subject's supplementary statement, kept sealed")
          @Size(max = 4000)
          @StorableText(maxBytes = 16_000)
          String statement) {}

  /** Art. 18: the ground of a restriction. */
  public record Restriction(@NotNull RestrictionGround ground) {}
}

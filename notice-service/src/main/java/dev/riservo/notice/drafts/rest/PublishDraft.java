package dev.riservo.notice.drafts.rest;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When a published draft takes effect, and whether it is a material change. */
@Schema(description = "Publication of a draft")
public record PublishDraft(
    @Schema(
            description =
                "When the version takes effect (ISO 8601 with offset): now (absent) or later;"
                    + " never sooner than the propagation delay after publication",
            examples = "2026-04-01T00:00:00+02:00")
        OffsetDateTime effectiveFrom,
    @Schema(
            description =
                "A material change (the DPO decides; a diff's hint only suggests): it must take"
                    + " effect at least riservo.notice.material-change.notice-period (30 days)"
                    + " after publication, and opens a notification campaign of everyone who"
                    + " heard an earlier version")
        Boolean material) {

  /** Marked material. */
  public boolean isMaterial() {
    return Boolean.TRUE.equals(material);
  }
}

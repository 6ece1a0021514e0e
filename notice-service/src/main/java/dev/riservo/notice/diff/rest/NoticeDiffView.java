package dev.riservo.notice.diff.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riservo.notice.diff.service.NoticeDiffService.NoticeDiff;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What changed between two versions. */
@Schema(description = "What changed from one version (against) to another")
public record NoticeDiffView(
    @Schema(examples = "outbound-call@1") String from,
    @Schema(examples = "outbound-call@2") String to,
    @Schema(
            type = SchemaType.ARRAY,
            description =
                "RFC 6902 JSON Patch from `from`'s canonical document to `to`'s (body left out)")
        JsonNode patch,
    @Schema(description = "Unified diff of the bodies, line by line") List<String> bodyDiff,
    @Schema(description = "A hint: the DPO decides") boolean probablyMaterial,
    @Schema(
            description =
                "Material aspects changed: purposes, legalBases, retention, recipients,"
                    + " transfers, sources")
        List<String> materialChanges) {

  static NoticeDiffView of(NoticeDiff d) {
    return new NoticeDiffView(
        d.from().toString(),
        d.to().toString(),
        d.patch(),
        d.bodyDiff(),
        d.materiality().probablyMaterial(),
        d.materiality().materialChanges());
  }
}

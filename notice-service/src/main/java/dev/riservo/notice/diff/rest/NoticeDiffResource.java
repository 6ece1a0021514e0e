package dev.riservo.notice.diff.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.diff.service.NoticeDiffService;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Differences between two published versions of a notice. */
@Path("/v1/notices/{noticeId}/versions/{version}/diff")
@Tag(name = "Notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeDiffResource {

  private static final String EXAMPLE =
      "{\"from\":\"outbound-call@1\",\"to\":\"outbound-call@2\",\"patch\":[{\"op\":\"replace\","
          + "\"path\":\"/content/purposes/0/retention/period\",\"value\":\"P3Y\"}],"
          + "\"bodyDiff\":[\"--- outbound-call@1\",\"+++ outbound-call@2\"],"
          + "\"probablyMaterial\":true,\"materialChanges\":[\"retention\"]}";

  private final NoticeDiffService diffs;

  public NoticeDiffResource(NoticeDiffService diffs) {
    this.diffs = diffs;
  }

  @GET
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN})
  @Operation(
      summary = "What changed from version `against` to `version`",
      description =
          "An RFC 6902 JSON Patch between the canonical documents, a unified diff of the bodies,"
              + " and a materiality hint (purposes, legal bases, retention, recipients, transfers"
              + " or sources changed: probably material; the DPO decides).")
  @APIResponse(
      responseCode = "200",
      description = "The differences",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeDiffView.class),
              examples = @ExampleObject(name = "retention changed", value = EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed notice id or version number, or `against` missing",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Staff roles only")
  @APIResponse(
      responseCode = "404",
      description = "Either version does not exist",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<NoticeDiffView> diff(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @PathParam("version")
          @Pattern(
              regexp = "^" + NoticeVersionId.VERSION + "$",
              message = "must be a version number")
          String version,
      @QueryParam("against")
          @Parameter(required = true, description = "The older version's number", example = "1")
          String against) {
    if (against == null || !against.matches("^" + NoticeVersionId.VERSION + "$")) {
      throw ProblemException.badRequest("against", "must be a version number (1, 2, ...)");
    }
    return diffs
        .diff(
            new NoticeVersionId(noticeId, Integer.parseInt(against)),
            new NoticeVersionId(noticeId, Integer.parseInt(version)))
        .map(NoticeDiffView::of);
  }
}

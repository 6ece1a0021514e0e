package dev.riservo.notice.current.rest;

import dev.riservo.notice.current.service.CurrentNotices;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.notice.versions.rest.NoticeVersionDocument;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What anyone may read without a token (through the gateway too, at {@code
 * /api/notices/v1/public/...}): published versions that have taken effect, so an agent can text a
 * caller a link to the exact version heard. Drafts and versions not yet in force are not here.
 */
@Path("/v1/public/notices")
@Tag(name = "Public notices", description = "Published notices in force: no token needed")
@Produces(MediaType.APPLICATION_JSON)
public class PublicNoticeResource {

  private final CurrentNotices notices;
  private final CurrentAnswers answers;

  public PublicNoticeResource(CurrentNotices notices, CurrentAnswers answers) {
    this.notices = notices;
    this.answers = answers;
  }

  @GET
  @Path("/{noticeId}/current")
  @PermitAll
  @Operation(
      summary = "The version in force now or at a past instant (public)",
      description =
          "As the staff route, for instants up to now only (a scheduled version is not public"
              + " before it takes effect). The version carries no publisher's name.")
  @APIResponse(
      responseCode = "200",
      description = "The version in force",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CurrentNoticeView.class)))
  @APIResponse(responseCode = "304", description = "The caller's copy (If-None-Match) is current")
  @APIResponse(
      responseCode = "400",
      description = "Unknown language or channel, a malformed or future `at`",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such notice, or none in force then",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> current(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @QueryParam("language") @Parameter(required = true, example = "it") String language,
      @QueryParam("channel") @Parameter(example = "VERBAL_SCRIPT") String channel,
      @QueryParam("at") @Parameter(description = "Not in the future (default: now)") String at,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    Instant now = notices.now();
    Instant instant = CurrentQuery.at(at, now);
    if (instant.isAfter(now)) {
      throw ProblemException.badRequest(
          "at", "must not be in the future here: versions not yet in force are not public");
    }
    return answers.answer(
        noticeId, CurrentQuery.language(language), channel, instant, ifNoneMatch, true);
  }

  @GET
  @Path("/versions/{id}")
  @PermitAll
  @Operation(
      summary = "A version by id {noticeId}@{version}, once in force (public)",
      description =
          "Published versions that have taken effect (in force or superseded since), with their"
              + " text, structured document and hashes; a scheduled one is not found until then.")
  @APIResponse(
      responseCode = "200",
      description = "The version",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeVersionDocument.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such version, not in force yet, or not a version id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<NoticeVersionDocument> version(
      @PathParam("id") @Parameter(description = "{noticeId}@{version}", example = "tm-it@2")
          String id) {
    return NoticeVersionId.parse(id)
        .map(notices::effective)
        .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound("The notice version")))
        .map(NoticeVersionDocument::ofPublic);
  }
}

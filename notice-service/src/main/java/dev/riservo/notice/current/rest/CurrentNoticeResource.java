package dev.riservo.notice.current.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.current.service.CurrentNotices;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The version of a notice in force at an instant, for staff (any instant, future included). */
@Path("/v1/notices/{noticeId}/current")
@Tag(name = "Notices")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentNoticeResource {

  static final String EXAMPLE =
      "{\"languageRequested\":\"en\",\"language\":\"it\",\"fallback\":true,\"note\":\"No version"
          + " in 'en' is in force at that instant; this is the notice's fallback language, 'it'\","
          + "\"validUntil\":\"2026-04-01T00:00:00Z\",\"version\":{\"id\":\"outbound-call@3\","
          + "\"noticeId\":\"outbound-call\",\"version\":3,\"language\":\"it\"}}";

  private final CurrentNotices notices;
  private final CurrentAnswers answers;

  public CurrentNoticeResource(CurrentNotices notices, CurrentAnswers answers) {
    this.notices = notices;
    this.answers = answers;
  }

  @GET
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(
      summary = "The version in force at an instant",
      description =
          "The latest version with effectiveFrom at or before `at` (default now) in the language"
              + " asked for, else in the notice's fallback language (fallback: true, and a note)."
              + " validUntil names when an already published later version takes over. Answered"
              + " from memory, with an ETag (If-None-Match gets a 304).")
  @APIResponse(
      responseCode = "200",
      description = "The version in force",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CurrentNoticeView.class),
              examples = @ExampleObject(name = "fallback", value = EXAMPLE)))
  @APIResponse(responseCode = "304", description = "The caller's copy (If-None-Match) is current")
  @APIResponse(
      responseCode = "400",
      description = "A malformed notice id, an unknown language or channel, a malformed `at`",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "No Riservo role")
  @APIResponse(
      responseCode = "404",
      description = "No such notice, or no version in force then in that language or the fallback",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> current(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @QueryParam("language") @Parameter(required = true, example = "it") String language,
      @QueryParam("channel")
          @Parameter(
              description = "VERBAL_SCRIPT, IVR_PROMPT or WRITTEN: the notice's own channel",
              example = "VERBAL_SCRIPT")
          String channel,
      @QueryParam("at")
          @Parameter(
              description = "ISO 8601 instant with offset (default: now)",
              example = "2026-03-29T03:00:00+02:00")
          String at,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return answers.answer(
        noticeId,
        CurrentQuery.language(language),
        channel,
        CurrentQuery.at(at, notices.now()),
        ifNoneMatch,
        false);
  }
}

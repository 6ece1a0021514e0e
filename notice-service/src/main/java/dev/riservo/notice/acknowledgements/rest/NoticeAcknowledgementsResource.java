package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.acknowledgements.service.AcknowledgementService;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
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

/** The DPO's view: who of the staff has not acknowledged the version in force (rule 10). */
@Path("/v1/notices/{noticeId}/acknowledgements")
@Tag(name = "Staff acknowledgements")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeAcknowledgementsResource {

  static final String EXAMPLE =
      "{\"noticeId\":\"staff-policy\",\"status\":\"missing\",\"currentVersions\":[{\"id\":"
          + "\"staff-policy@3\",\"language\":\"it\",\"title\":\"Policy interna\"}],"
          + "\"counts\":{\"acknowledged\":41,\"missing\":2,\"total\":43},\"page\":0,\"size\":50,"
          + "\"items\":[{\"subjectId\":\"0b6c2a4e-5f1d-4c7a-9a8e-3d2f1e0c9b8a\","
          + "\"username\":\"agent\"}]}";

  private final AcknowledgementService acknowledgements;

  public NoticeAcknowledgementsResource(AcknowledgementService acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  @GET
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "Who has (not) acknowledged the version in force",
      description =
          "The staff roster (enabled Keycloak users with a staff role, read through the admin"
              + " API and kept briefly) against the acknowledgements of the notice's versions in"
              + " force now (any language). status=missing (default) lists those who have not"
              + " acknowledged, done those who have; ordered by username; counts are over the"
              + " whole roster. 503 while Keycloak cannot be read.")
  @APIResponse(
      responseCode = "200",
      description = "One page, with counts",
      content =
          @Content(
              schema = @Schema(implementation = StandingView.class),
              examples = @ExampleObject(name = "missing", value = EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed notice id, status, page or size",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Only the DPO")
  @APIResponse(
      responseCode = "404",
      description = "No such notice, or no version of it in force now",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "not-a-staff-notice",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description = "Keycloak (the roster) is not reachable; Retry-After",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<StandingView> standing(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @QueryParam("status")
          @DefaultValue("missing")
          @Parameter(description = "missing (default) or done", example = "missing")
          String status,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    boolean missing =
        switch (status) {
          case "missing" -> true;
          case "done" -> false;
          default -> throw Refusal.invalid("status", "must be missing or done");
        };
    return acknowledgements
        .standing(noticeId)
        .map(standing -> StandingView.of(standing, missing, page, size));
  }
}

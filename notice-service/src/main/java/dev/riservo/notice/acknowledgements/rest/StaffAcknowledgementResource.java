package dev.riservo.notice.acknowledgements.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.acknowledgements.service.AcknowledgementService;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff acknowledge the version in force of a staff notice (rule 10), and see what is left. */
@Path("/v1/staff-acknowledgements")
@Tag(name = "Staff acknowledgements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN})
public class StaffAcknowledgementResource {

  static final String EXAMPLE =
      "{\"noticeId\":\"staff-policy\",\"versionId\":\"staff-policy@3\",\"version\":3,"
          + "\"hash\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
          + "\"subjectId\":\"0b6c2a4e-5f1d-4c7a-9a8e-3d2f1e0c9b8a\",\"username\":\"agent\","
          + "\"acknowledgedAt\":\"2026-03-02T09:15:00Z\"}";

  private final AcknowledgementService acknowledgements;
  private final SecurityIdentity identity;

  public StaffAcknowledgementResource(
      AcknowledgementService acknowledgements, SecurityIdentity identity) {
    this.acknowledgements = acknowledgements;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Acknowledge the version in force of a staff notice",
      description =
          "The caller (from the token: sub and username) acknowledges the version of a STAFF"
              + " notice in force now, with the hash of what they read (the version's"
              + " documentHash). Acknowledging the same version again answers the first"
              + " acknowledgement with 200 and records nothing. Audited"
              + " (notice.staff-acknowledged, subject id only). The caller becomes a data subject"
              + " of the internal data-source contract: found by their e-mail (the token's email"
              + " claim) or their Keycloak user id as customerId.")
  @APIResponse(
      responseCode = "201",
      description = "Recorded",
      content =
          @Content(
              schema = @Schema(implementation = AcknowledgementView.class),
              examples = @ExampleObject(name = "recorded", value = EXAMPLE)))
  @APIResponse(
      responseCode = "200",
      description = "Acknowledged before: the first acknowledgement",
      content = @Content(schema = @Schema(implementation = AcknowledgementView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A missing or malformed field; a versionId of another notice",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Not a member of staff")
  @APIResponse(
      responseCode = "404",
      description = "No such notice",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description =
          "not-a-staff-notice, unknown-notice-version, notice-hash-mismatch,"
              + " version-not-in-force",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> acknowledge(@Valid @NotNull AcknowledgeRequest request) {
    NoticeVersionId id =
        NoticeVersionId.parse(request.versionId())
            .filter(v -> v.noticeId().equals(request.noticeId()))
            .orElseThrow(() -> Refusal.invalid("versionId", "must name a version of noticeId"));
    return acknowledgements
        .acknowledge(
            id.noticeId(),
            id.version(),
            request.hash(),
            StaffCaller.of(identity),
            StaffCaller.email(identity))
        .map(
            recorded ->
                Response.status(recorded.created() ? 201 : 200)
                    .entity(AcknowledgementView.of(recorded.acknowledgement()))
                    .build());
  }

  @GET
  @Path("/mine")
  @Operation(
      summary = "The caller's staff notices: what is left to acknowledge",
      description =
          "Every STAFF notice with a version in force now: under missing those whose current"
              + " version (any language) the caller has not acknowledged, with the versions and"
              + " the hash to send; under done the others, with the acknowledgement.")
  @APIResponse(
      responseCode = "200",
      description = "The caller's standing",
      content = @Content(schema = @Schema(implementation = MyAcknowledgementsView.class)))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Not a member of staff")
  public Uni<MyAcknowledgementsView> mine() {
    return acknowledgements
        .mine(StaffCaller.of(identity).subjectId())
        .map(MyAcknowledgementsView::of);
  }
}

package dev.riservo.audit.rest;

import dev.riservo.audit.service.AuditVerifications;
import dev.riservo.identity.Roles;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Verification of the audit trail, asynchronous: a POST starts one (or answers the one running), a
 * GET follows it to its verdict. No request waits for the walk, however long the trail.
 */
@Path("/v1/audit/verifications")
@Tag(name = "Audit trail", description = "The service's hash-chained record of state changes")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  /** How soon a client may ask again, in seconds. */
  static final String POLL_AFTER = "1";

  private static final String RUNNING_EXAMPLE =
      "{\"id\":\"0b6a52e4-5f0c-4c1e-9a55-2b1f6f0c9d10\",\"state\":\"RUNNING\","
          + "\"startedAt\":\"2026-12-06T09:00:00Z\",\"entriesChecked\":150000,"
          + "\"entriesTotal\":333000}";
  private static final String FINISHED_EXAMPLE =
      "{\"id\":\"0b6a52e4-5f0c-4c1e-9a55-2b1f6f0c9d10\",\"state\":\"FINISHED\","
          + "\"startedAt\":\"2026-12-06T09:00:00Z\",\"finishedAt\":\"2026-12-06T09:00:01Z\","
          + "\"entriesChecked\":333000,\"entriesTotal\":333000,"
          + "\"result\":{\"intact\":true,\"entriesChecked\":333000}}";

  private final AuditVerifications verifications;

  public AuditResource(AuditVerifications verifications) {
    this.verifications = verifications;
  }

  @POST
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "Start a verification of the audit trail",
      description =
          "Chains what has committed, then recomputes every entry's hash and link in the"
              + " background. Answers at once with the verification to follow at Location; if one"
              + " is already running, answers that one. Its verdict names the first edited,"
              + " missing or truncated entry.")
  @APIResponse(
      responseCode = "202",
      description = "Started, or already running: follow it at Location",
      headers = {
        @Header(name = "Location", description = "/v1/audit/verifications/{id}"),
        @Header(name = "Retry-After", description = "Seconds before asking for its progress")
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AuditVerificationStatus.class),
              examples = @ExampleObject(name = "running", value = RUNNING_EXAMPLE)))
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not the DPO")
  @APIResponse(responseCode = "503", description = "No verification could be claimed; try again")
  public Uni<Response> start() {
    return verifications
        .start()
        .map(
            run -> {
              if (run == null) {
                throw ProblemException.unavailable("The audit verification");
              }
              return Response.accepted(AuditVerificationStatus.of(run))
                  .location(URI.create("/v1/audit/verifications/" + run.id()))
                  .header("Retry-After", POLL_AFTER)
                  .build();
            });
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "A verification of the audit trail: its progress, then its verdict",
      description =
          "While RUNNING: entries checked of how many, since when. When FINISHED: the verdict"
              + " (intact, or the first broken entry). FAILED: it stopped without one (its replica"
              + " stopped, or the database failed); start another. Kept a while after it finished"
              + " (riservo.audit.verification-retention, 24 h by default).")
  @APIResponse(
      responseCode = "200",
      description = "The verification",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AuditVerificationStatus.class),
              examples = {
                @ExampleObject(name = "running", value = RUNNING_EXAMPLE),
                @ExampleObject(name = "finished", value = FINISHED_EXAMPLE)
              }))
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "403", description = "Not the DPO")
  @APIResponse(responseCode = "404", description = "No such verification, or it has expired")
  public Uni<AuditVerificationStatus> find(@PathParam("id") UUID id) {
    return verifications
        .find(id)
        .map(
            run -> {
              if (run == null) {
                throw ProblemException.notFound("The audit verification");
              }
              return AuditVerificationStatus.of(run);
            });
  }
}

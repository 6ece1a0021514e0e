package dev.riservo.notice.subjectdata.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.subjectdata.rest.SubjectDataRequests.Rectification;
import dev.riservo.notice.subjectdata.rest.SubjectDataRequests.Restriction;
import dev.riservo.notice.subjectdata.rest.SubjectDataRequests.SearchResult;
import dev.riservo.notice.subjectdata.service.SubjectDataService;
import dev.riservo.notice.subjectdata.service.SubjectErasure;
import dev.riservo.notice.subjectdata.service.SubjectIdentifiers;
import dev.riservo.notice.subjectdata.service.SubjectRights;
import dev.riservo.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The internal data-source contract of DESIGN.md, for the rights service only (role service): the
 * people notice-service holds data about (presentations today; staff acknowledgements plug in as
 * another {@code SubjectDataPart}).
 */
@Path("/internal/subject-data")
@Tag(name = "Internal: subject data", description = "Data-source contract for rights requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Only service clients (role service)")
public class SubjectDataResource {

  private final SubjectDataService data;
  private final SubjectErasure erasure;
  private final SubjectRights rights;
  private final SecurityIdentity identity;

  public SubjectDataResource(
      SubjectDataService data,
      SubjectErasure erasure,
      SubjectRights rights,
      SecurityIdentity identity) {
    this.data = data;
    this.erasure = erasure;
    this.rights = rights;
    this.identity = identity;
  }

  @POST
  @Path("/search")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Find a subject by phone, e-mail or customer id",
      description =
          "Identifiers travel in the body, never in a URL. Erased subjects are not found.")
  @APIResponse(responseCode = "200", description = "The subjects found: none or one")
  @APIResponse(
      responseCode = "400",
      description = "No identifier, or a malformed one (named, never echoed)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The identifiers belong to different subjects",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<SearchResult> search(@Valid @NotNull SubjectIdentifiers identifiers) {
    return data.search(identifiers).map(SearchResult::new);
  }

  @GET
  @Path("/{subjectRef}")
  @Operation(
      summary = "Everything held about a subject",
      description =
          "Identifiers, supplementary statement, restriction, and each part (presentations, ...)"
              + " with its categories, purposes, legal bases, source, retention and records.")
  @APIResponse(responseCode = "200", description = "The export (personal data)")
  @APIResponse(
      responseCode = "404",
      description = "Unknown or erased subject",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<SubjectDataService.SubjectExport> export(@PathParam("subjectRef") UUID subjectRef) {
    return data.export(subjectRef, caller());
  }

  @DELETE
  @Path("/{subjectRef}")
  @Operation(
      summary = "Erase a subject (dryRun=true: the plan only)",
      description =
          "Idempotent. Deletes every part's records, turns stored answers naming the subject into"
              + " 410s, clears the identifiers and shreds the subject's key; answers what was"
              + " erased and what was kept, and why. With dryRun=true answers the same plan and"
              + " changes nothing.")
  @APIResponse(responseCode = "200", description = "The erasure report")
  @APIResponse(
      responseCode = "404",
      description = "No such subject was ever held",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<SubjectErasure.ErasureReport> erase(
      @PathParam("subjectRef") UUID subjectRef, @QueryParam("dryRun") boolean dryRun) {
    return dryRun ? erasure.plan(subjectRef) : erasure.erase(subjectRef, caller());
  }

  @PATCH
  @Path("/{subjectRef}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Rectify a subject (Art. 16)",
      description =
          "Replaces the identifiers given (validated, sealed and indexed anew) and/or keeps the"
              + " subject's supplementary statement, sealed.")
  @APIResponse(responseCode = "200", description = "What changed (names, never values)")
  @APIResponse(
      responseCode = "400",
      description = "Nothing to change, or a malformed identifier",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "Unknown or erased subject",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "An identifier belongs to another subject",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<SubjectRights.Rectified> rectify(
      @PathParam("subjectRef") UUID subjectRef, @Valid @NotNull Rectification body) {
    return rights.rectify(subjectRef, body.identifiers(), body.statement(), caller());
  }

  @PUT
  @Path("/{subjectRef}/restriction")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Restrict processing (Art. 18)",
      description =
          "On a ground of Art. 18(1). The subject's data is then only stored: the export shows the"
              + " restriction; new presentations are still recorded (proof that the subject was"
              + " informed, a legal obligation).")
  @APIResponse(responseCode = "200", description = "The restriction in force")
  @APIResponse(
      responseCode = "400",
      description = "No or an unknown ground",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "Unknown or erased subject",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<SubjectRights.RestrictionState> restrict(
      @PathParam("subjectRef") UUID subjectRef, @Valid @NotNull Restriction body) {
    return rights.restrict(subjectRef, body.ground(), caller());
  }

  @DELETE
  @Path("/{subjectRef}/restriction")
  @Operation(summary = "Lift a restriction of processing", description = "Idempotent.")
  @APIResponse(responseCode = "200", description = "No restriction in force any more")
  @APIResponse(
      responseCode = "404",
      description = "Unknown or erased subject",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<SubjectRights.RestrictionState> lift(@PathParam("subjectRef") UUID subjectRef) {
    return rights.lift(subjectRef, caller());
  }

  private String caller() {
    return identity.getPrincipal().getName();
  }
}

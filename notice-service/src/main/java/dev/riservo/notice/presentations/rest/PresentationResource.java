package dev.riservo.notice.presentations.rest;

import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import dev.riservo.notice.presentations.service.PresentationService;
import dev.riservo.notice.subjectdata.service.SubjectIdentifiers;
import dev.riservo.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who heard which notice version (DESIGN.md rule 10): agents and the telephony system record
 * presentations; the DPO asks what a person heard. Identifiers travel in bodies only.
 */
@Path("/v1/presentations")
@Tag(name = "Presentations", description = "Which notice version a person heard, when, how")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller's role may not do this")
public class PresentationResource {

  static final String PATH = "/v1/presentations";

  private final PresentationService presentations;
  private final IdempotentWrites idempotent;
  private final SecurityIdentity identity;

  public PresentationResource(
      PresentationService presentations, IdempotentWrites idempotent, SecurityIdentity identity) {
    this.presentations = presentations;
    this.idempotent = idempotent;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.AGENT, Roles.SERVICE})
  @Operation(
      summary = "Record a presentation",
      description =
          "The version must be the one in force at presentedAt in its language, the hash its"
              + " contentHash or documentHash, the language its own. Accepts Idempotency-Key.")
  @APIResponse(
      responseCode = "201",
      description = "Recorded; Location names it",
      content = @Content(schema = @Schema(implementation = PresentationView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed field or identifier (named, never echoed)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The identifiers belong to different subjects",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description =
          "Unknown version, not in force at presentedAt, hash or language not the version's,"
              + " presentedAt in the future or too old, a staff notice, agent missing or not the"
              + " caller, a reused Idempotency-Key",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> present(
      @Valid @NotNull PresentationRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    boolean agent = identity.hasRole(Roles.AGENT) && !identity.hasRole(Roles.SERVICE);
    return idempotent.post(
        PATH,
        request,
        idempotencyKey,
        actor ->
            presentations
                .present(request.toService(), new PresentationService.Caller(actor, agent))
                .map(
                    p ->
                        Response.created(URI.create(PATH + "/" + p.id()))
                            .entity(PresentationView.of(p))
                            .build()));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.AGENT, Roles.DPO, Roles.SERVICE})
  @Operation(summary = "One presentation", description = "The subject by reference only.")
  @APIResponse(
      responseCode = "200",
      description = "The presentation",
      content = @Content(schema = @Schema(implementation = PresentationView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such presentation (or its subject was erased)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<PresentationView> get(@PathParam("id") UUID id) {
    return presentations.get(id).map(PresentationView::of);
  }

  @POST
  @Path("/search")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "Which versions a person heard",
      description =
          "By identifiers in the body (never a URL): every presentation to that person, oldest"
              + " first. Nobody found: an empty list. Audited.")
  @APIResponse(
      responseCode = "200",
      description = "The presentations",
      content = @Content(schema = @Schema(implementation = PresentationView.Heard.class)))
  @APIResponse(
      responseCode = "400",
      description = "No identifier, or a malformed one",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The identifiers belong to different subjects",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<PresentationView.Heard> search(@Valid @NotNull SubjectIdentifiers identifiers) {
    return presentations
        .heardBy(identifiers, identity.getPrincipal().getName())
        .map(
            heard ->
                new PresentationView.Heard(
                    heard.subjectRef(),
                    heard.presentations().stream().map(PresentationView::of).toList()));
  }
}

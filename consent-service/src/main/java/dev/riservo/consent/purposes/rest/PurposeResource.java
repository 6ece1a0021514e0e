package dev.riservo.consent.purposes.rest;

import dev.riservo.consent.consents.cache.SubjectSnapshots;
import dev.riservo.consent.purposes.domain.LegalBasis;
import dev.riservo.consent.purposes.domain.Purpose;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import dev.riservo.consent.purposes.service.PurposeService;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/purposes")
@Tag(name = "Purposes", description = "Processing purposes, their legal basis and retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PurposeResource {

  private static final String CODE = "^[a-z0-9][a-z0-9-]{1,63}$";

  /** A purpose as an admin writes it. */
  public record PurposeRequest(
      @NotBlank @Pattern(regexp = CODE, message = "must be 2-64 lower-case letters, digits, -")
          String code,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 4000) String description,
      @NotNull LegalBasis legalBasis,
      @NotNull PurposeCategory category,
      @NotNull @Min(1) @Max(36500) Integer retentionDays,
      @NotNull Boolean priorConsentRequired) {

    PurposeService.PurposeDraft draft(String code) {
      return new PurposeService.PurposeDraft(
          code, name, description, legalBasis, category, retentionDays, priorConsentRequired);
    }
  }

  private final PurposeService purposes;
  private final IdempotentWrites idempotent;
  private final SecurityIdentity identity;
  private final SubjectSnapshots snapshots;

  public PurposeResource(
      PurposeService purposes,
      IdempotentWrites idempotent,
      SecurityIdentity identity,
      SubjectSnapshots snapshots) {
    this.purposes = purposes;
    this.idempotent = idempotent;
    this.identity = identity;
    this.snapshots = snapshots;
  }

  @GET
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(summary = "List purposes (retired ones on request)")
  public Uni<List<Purpose>> list(@QueryParam("includeRetired") @DefaultValue("false") boolean all) {
    return purposes.list(all);
  }

  @GET
  @Path("/{code}")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(summary = "One purpose")
  @APIResponse(responseCode = "404", description = "No such purpose")
  public Uni<Purpose> get(@PathParam("code") String code) {
    return purposes.get(code);
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Create a purpose")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "409", description = "A purpose with that code exists")
  public Uni<Response> create(
      @Valid @NotNull PurposeRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    return idempotent
        .post(
            "/v1/purposes",
            request,
            idempotencyKey,
            actor ->
                purposes
                    .create(request.draft(request.code()), actor)
                    .map(
                        created ->
                            Response.created(URI.create("/v1/purposes/" + created.code()))
                                .entity(created)
                                .build()))
        .invoke(snapshots::evictPurposes);
  }

  @PUT
  @Path("/{code}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Change a purpose's name, description and terms (its code stays)")
  public Uni<Purpose> update(
      @PathParam("code") String code, @Valid @NotNull PurposeRequest request) {
    return purposes
        .update(code, request.draft(code), identity.getPrincipal().getName())
        .invoke(snapshots::evictPurposes);
  }

  @POST
  @Path("/{code}/retire")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Retire a purpose: no new consent; records and withdrawals stay")
  public Uni<Purpose> retire(@PathParam("code") String code) {
    return purposes
        .retire(code, identity.getPrincipal().getName())
        .invoke(snapshots::evictPurposes);
  }

  @DELETE
  @Path("/{code}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete an unused purpose")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "409", description = "The purpose is in use: retire it instead")
  public Uni<Void> delete(@PathParam("code") String code) {
    return purposes
        .delete(code, identity.getPrincipal().getName())
        .invoke(snapshots::evictPurposes);
  }
}

package dev.riservo.consent.subjectdata.rest;

import dev.riservo.consent.subjectdata.service.SubjectDataService;
import dev.riservo.consent.subjectdata.service.SubjectErasure;
import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The internal data-source contract of DESIGN.md, for the rights service only (role service). */
@Path("/internal/subject-data")
@Tag(name = "Internal: subject data", description = "Data-source contract for rights requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class SubjectDataResource {

  /** The subjects found (empty if none). */
  public record SearchResult(List<UUID> subjectRefs) {}

  private final SubjectDataService data;
  private final SubjectErasure erasure;
  private final SecurityIdentity identity;

  public SubjectDataResource(
      SubjectDataService data, SubjectErasure erasure, SecurityIdentity identity) {
    this.data = data;
    this.erasure = erasure;
    this.identity = identity;
  }

  @POST
  @Path("/search")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Find a subject by phone, e-mail or customer id")
  public Uni<SearchResult> search(@Valid @NotNull SubjectIdentifiers identifiers) {
    return data.search(identifiers).map(SearchResult::new);
  }

  @GET
  @Path("/{subjectRef}")
  @Operation(
      summary = "Everything held about a subject",
      description = "Identifiers, consents, objections, receipts, purposes, sources, retention.")
  @APIResponse(responseCode = "404", description = "Unknown or erased subject")
  public Uni<SubjectDataService.SubjectExport> export(@PathParam("subjectRef") UUID subjectRef) {
    return data.export(subjectRef, identity.getPrincipal().getName());
  }

  @DELETE
  @Path("/{subjectRef}")
  @Operation(
      summary = "Erase a subject",
      description =
          "Idempotent. Shreds the subject's key; keeps a keyed hash of the phone number on the"
              + " suppression list; withdraws the number from held list-scrub results; answers"
              + " what was erased and what was kept, and under which legal hold.")
  @APIResponse(responseCode = "404", description = "No such subject was ever held")
  public Uni<SubjectErasure.ErasureReport> erase(@PathParam("subjectRef") UUID subjectRef) {
    return erasure.erase(subjectRef, identity.getPrincipal().getName());
  }
}

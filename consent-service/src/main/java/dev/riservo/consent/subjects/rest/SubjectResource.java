package dev.riservo.consent.subjects.rest;

import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

// At /v1 like the other subject routes (consents, objections): JAX-RS picks one class by its
// longest matching path, so a class at /v1/subjects would hide theirs.
@Path("/v1")
@Tag(name = "Subjects", description = "Data subjects, found by identifiers sent in the body")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubjectResource {

  /** The reference that names a subject everywhere else. */
  public record SubjectFound(UUID subjectRef) {}

  private final SubjectService subjects;

  public SubjectResource(SubjectService subjects) {
    this.subjects = subjects;
  }

  @POST
  @Path("/subjects/search")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.SERVICE})
  @Operation(
      summary = "Find a subject by phone, e-mail or customer id",
      description = "Identifiers travel in the body only; the answer is the subject reference.")
  @APIResponse(responseCode = "200", description = "The subject reference")
  @APIResponse(responseCode = "404", description = "No live subject has these identifiers")
  @APIResponse(responseCode = "409", description = "The identifiers belong to different subjects")
  public Uni<SubjectFound> search(@Valid @NotNull SubjectIdentifiers identifiers) {
    return subjects.find(identifiers, "identifiers").map(found -> new SubjectFound(found.ref));
  }
}

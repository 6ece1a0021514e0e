package dev.riservo.audit.rest;

import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.audit.service.AuditVerifier;
import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/audit")
@Tag(name = "Audit trail", description = "The service's hash-chained record of state changes")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  private final AuditTrail trail;

  public AuditResource(AuditTrail trail) {
    this.trail = trail;
  }

  @GET
  @Path("/verify")
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "Verify the audit trail",
      description =
          "Recomputes every entry's hash and link; reports the first edited, missing or truncated"
              + " entry.")
  @APIResponse(responseCode = "200", description = "The verdict; intact=false names the entry")
  public Uni<AuditVerification> verify() {
    return trail.verify();
  }

  @GET
  @Path("/verify/progress")
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "The verification in progress",
      description = "Entries checked so far of those up to the head, and since when; 204 if none.")
  @APIResponse(responseCode = "200", description = "A verification is running")
  @APIResponse(responseCode = "204", description = "None is running")
  public jakarta.ws.rs.core.Response progress() {
    AuditVerifier.Progress progress = trail.verification();
    return progress == null
        ? jakarta.ws.rs.core.Response.noContent().build()
        : jakarta.ws.rs.core.Response.ok(progress).build();
  }
}

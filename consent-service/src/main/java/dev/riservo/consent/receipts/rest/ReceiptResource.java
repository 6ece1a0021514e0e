package dev.riservo.consent.receipts.rest;

import dev.riservo.consent.receipts.service.ReceiptService;
import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/receipts")
@Tag(name = "Receipts", description = "Signed consent receipts and the keys to verify them")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {

  /** A receipt: the compact JWS and what it is about. */
  public record Receipt(
      UUID id, UUID consentEventId, UUID subjectRef, Instant issuedAt, String jws) {}

  private final ReceiptService receipts;

  public ReceiptResource(ReceiptService receipts) {
    this.receipts = receipts;
  }

  @GET
  @Path("/jwks")
  @PermitAll
  @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
  @Operation(
      summary = "Public keys of receipt signing (JWKS)",
      description = "Open to anyone, so a person or an auditor can verify a receipt.")
  public Uni<String> jwks() {
    return receipts.jwks();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.SERVICE})
  @Operation(summary = "One receipt")
  @APIResponse(responseCode = "404", description = "No such receipt")
  public Uni<Receipt> get(@PathParam("id") UUID id) {
    return receipts
        .get(id)
        .map(r -> new Receipt(r.id(), r.consentEventId(), r.subjectRef(), r.issuedAt(), r.jws()));
  }
}

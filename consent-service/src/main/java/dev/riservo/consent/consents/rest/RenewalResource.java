package dev.riservo.consent.consents.rest;

import dev.riservo.consent.consents.service.ConsentRenewals;
import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The consents a material change of a notice leaves needing renewal (rule 10, issue 15). */
@Path("/v1/consent-renewals")
@Tag(name = "Consents", description = "Consent given and withdrawn per purpose, with receipts")
@Produces(MediaType.APPLICATION_JSON)
public class RenewalResource {

  private final ConsentRenewals renewals;

  public RenewalResource(ConsentRenewals renewals) {
    this.renewals = renewals;
  }

  @GET
  @RolesAllowed({Roles.SUPERVISOR, Roles.DPO})
  @Operation(
      summary = "Consents needing renewal after a material change of a notice",
      description =
          "Consents in force (the latest record of their subject and purpose gives consent) that"
              + " were given under a version of the notice numbered below the material one, oldest"
              + " first, paged. Subjects are named by reference only.")
  @APIResponse(responseCode = "200", description = "A page of consents needing renewal")
  @APIResponse(responseCode = "400", description = "Not a version id, or a page out of range")
  public Uni<ConsentRenewals.Page> list(
      @QueryParam("materialVersion")
          @NotNull
          @Parameter(description = "The material version, noticeId@version", example = "tm-it@4")
          String materialVersion,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
      @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
    return renewals.needing(materialVersion, page, size);
  }
}

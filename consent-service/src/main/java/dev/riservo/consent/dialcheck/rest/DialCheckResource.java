package dev.riservo.consent.dialcheck.rest;

import dev.riservo.consent.dialcheck.service.DialCheckService;
import dev.riservo.consent.staffpolicy.StaffPolicyGate;
import dev.riservo.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/dial-checks")
@Tag(name = "Dial checks", description = "May this number be called now by this campaign?")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DialCheckResource {

  /**
   * POST /v1/dial-checks: the number in any usual form and the campaign. {@code at} may be left
   * out; sent, it must be now (within the clock skew): an agent's check decides for now.
   */
  public record DialCheckRequest(
      @NotBlank @Size(max = 32) String number, @NotNull UUID campaign, Instant at) {}

  /** POST /v1/dial-checks/hypothetical: the number, the campaign and the instant asked about. */
  public record HypotheticalCheckRequest(
      @NotBlank @Size(max = 32) String number, @NotNull UUID campaign, @NotNull Instant at) {}

  private final DialCheckService checks;
  private final StaffPolicyGate staffPolicy;
  private final SecurityIdentity identity;

  public DialCheckResource(
      DialCheckService checks, StaffPolicyGate staffPolicy, SecurityIdentity identity) {
    this.checks = checks;
    this.staffPolicy = staffPolicy;
    this.identity = identity;
  }

  @POST
  @RolesAllowed({Roles.AGENT, Roles.SERVICE})
  @Operation(
      summary = "Check a call before dialling",
      description =
          "ALLOW, or DENY with every reason that applies (stable codes, each tied to a rule),"
              + " decided for the server's now. An allowed check counts toward the campaign's"
              + " frequency cap. Each check is kept as the call's evidence.")
  @APIResponse(responseCode = "200", description = "The decision")
  @APIResponse(responseCode = "400", description = "Not a phone number")
  @APIResponse(
      responseCode = "403",
      description =
          "An instant other than now: that is a hypothetical check (supervisor, DPO); or an"
              + " agent who has not acknowledged the staff policy in force, where that is checked")
  @APIResponse(responseCode = "422", description = "Unknown campaign")
  public Uni<DialCheckService.Checked> check(@Valid @NotNull DialCheckRequest request) {
    return staffPolicy
        .admit(identity)
        .chain(
            () ->
                checks.check(
                    request.number(),
                    request.campaign(),
                    request.at(),
                    identity.getPrincipal().getName()));
  }

  @POST
  @Path("/hypothetical")
  @RolesAllowed({Roles.SUPERVISOR, Roles.DPO})
  @Operation(
      summary = "What would have been decided at another instant",
      description =
          "An audit question (rule 8): the decision a dial check would have taken (or would take)"
              + " at the instant, on the facts known now. Marked hypothetical: it never counts"
              + " toward a frequency cap and is never a call's evidence.")
  @APIResponse(responseCode = "200", description = "The decision, with hypothetical=true")
  @APIResponse(responseCode = "400", description = "Not a phone number, or no instant")
  @APIResponse(
      responseCode = "422",
      description = "Unknown campaign, or an instant more than ten years back or a year ahead")
  public Uni<DialCheckService.Checked> hypothetical(
      @Valid @NotNull HypotheticalCheckRequest request) {
    return checks.hypothetical(
        request.number(), request.campaign(), request.at(), identity.getPrincipal().getName());
  }
}

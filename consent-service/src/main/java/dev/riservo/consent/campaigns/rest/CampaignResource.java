package dev.riservo.consent.campaigns.rest;

import dev.riservo.consent.campaigns.service.CampaignService;
import dev.riservo.consent.dialcheck.domain.CliPolicy.CallKind;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/campaigns")
@Tag(name = "Campaigns", description = "Outbound campaigns: purpose, caller id, hours, cap")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

  /** The frequency cap a campaign sets: calls to one number per period (ISO-8601, e.g. P30D). */
  public record FrequencyCapRequest(
      @NotNull @Min(1) @Max(1000) Integer calls, @Size(max = 32) String period) {}

  /** POST /v1/campaigns. */
  public record CampaignRequest(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 64) String purpose,
      CallKind kind,
      @NotBlank @Size(max = 32) String cli,
      @NotNull Boolean automated,
      @Size(max = 200) String operator,
      @Size(max = 7) Map<@Size(max = 16) String, @Size(max = 200) String> callingHours,
      @Valid FrequencyCapRequest frequencyCap) {

    CampaignService.CampaignDraft draft() {
      return new CampaignService.CampaignDraft(
          name,
          purpose,
          kind,
          cli,
          automated,
          operator,
          callingHours,
          frequencyCap == null ? null : frequencyCap.calls(),
          frequencyCap == null ? null : frequencyCap.period());
    }
  }

  private final CampaignService campaigns;
  private final IdempotentWrites idempotent;

  public CampaignResource(CampaignService campaigns, IdempotentWrites idempotent) {
    this.campaigns = campaigns;
    this.idempotent = idempotent;
  }

  @POST
  @RolesAllowed(Roles.SUPERVISOR)
  @Operation(
      summary = "Create a campaign",
      description =
          "The caller id must be a valid, callable number, not withheld; a prefix reserved for one"
              + " kind of call (0844 commercial, 0843 statistical surveys in Italy) may not be used"
              + " for the other. Calling hours must lie within the legal hours; omitted, they are"
              + " the legal hours. Accepts Idempotency-Key.")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "422", description = "CLI not allowed, unknown purpose, bad hours")
  public Uni<Response> create(
      @Valid @NotNull CampaignRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    return idempotent.post(
        "/v1/campaigns",
        request,
        idempotencyKey,
        actor ->
            campaigns
                .create(request.draft(), actor)
                .map(
                    created ->
                        Response.created(URI.create("/v1/campaigns/" + created.id()))
                            .entity(created)
                            .build()));
  }

  @GET
  @RolesAllowed({Roles.SUPERVISOR, Roles.AGENT, Roles.DPO, Roles.SERVICE})
  @Operation(summary = "List campaigns")
  public Uni<List<CampaignService.Campaign>> list() {
    return campaigns.list();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.SUPERVISOR, Roles.AGENT, Roles.DPO, Roles.SERVICE})
  @Operation(summary = "One campaign")
  @APIResponse(responseCode = "404", description = "No such campaign")
  public Uni<CampaignService.Campaign> get(@PathParam("id") UUID id) {
    return campaigns.get(id);
  }
}

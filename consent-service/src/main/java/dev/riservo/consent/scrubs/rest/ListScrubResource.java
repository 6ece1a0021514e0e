package dev.riservo.consent.scrubs.rest;

import dev.riservo.consent.dialcheck.service.DialCheckService;
import dev.riservo.consent.scrubs.service.ListScrubs;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import dev.riservo.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/list-scrubs")
@Tag(name = "List scrubs", description = "A list of numbers judged against a campaign, in bulk")
@Produces(MediaType.APPLICATION_JSON)
public class ListScrubResource {

  private final ListScrubs scrubs;
  private final DialCheckService dialChecks;
  private final SecurityIdentity identity;

  public ListScrubResource(
      ListScrubs scrubs, DialCheckService dialChecks, SecurityIdentity identity) {
    this.scrubs = scrubs;
    this.dialChecks = dialChecks;
    this.identity = identity;
  }

  @POST
  @Blocking
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @RolesAllowed(Roles.SUPERVISOR)
  @Operation(
      summary = "Scrub a list of numbers for a campaign",
      description =
          "CSV, one number per line (or a header line with a 'number' column), streamed. Answers"
              + " 202 once the upload is read; progress at GET /v1/list-scrubs/{id}, the result"
              + " (number,decision,reasons) at /result when DONE. Decisions are the dial check's"
              + " at the scrub's instant except calling hours; a scrub counts toward no cap. For"
              + " a third-party-transfer purpose the result holds only the numbers with a valid"
              + " transfer consent. Accepts Idempotency-Key.")
  @APIResponse(responseCode = "202", description = "Accepted; the scrub with its progress")
  @APIResponse(responseCode = "400", description = "No campaign, or the upload is not CSV")
  @APIResponse(responseCode = "422", description = "Unknown campaign")
  public Response scrub(
      @QueryParam("campaign") String campaign,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey,
      InputStream body)
      throws SQLException {
    UUID campaignId = campaignId(campaign);
    String key = IdempotentWrites.checkedKey(idempotencyKey);
    DialCheckService.CampaignFacts facts = campaignFacts(campaignId);
    ListScrubs.Accepted accepted =
        scrubs.scrub(facts, body, identity.getPrincipal().getName(), key);
    Response.ResponseBuilder answer =
        Response.accepted(accepted.scrub())
            .location(URI.create("/v1/list-scrubs/" + accepted.scrub().id()));
    if (accepted.replayed()) {
      answer.header("Idempotent-Replayed", "true");
    }
    return answer.build();
  }

  @GET
  @Path("/{id}")
  @Blocking
  @RolesAllowed({Roles.SUPERVISOR, Roles.DPO})
  @Operation(summary = "A scrub: its status, progress and counts per decision and reason")
  @APIResponse(responseCode = "404", description = "No such scrub")
  public ListScrubs.Scrub scrub(@PathParam("id") UUID id) throws SQLException {
    ListScrubs.Scrub found = scrubs.find(id);
    if (found == null) {
      throw ProblemException.notFound("The list scrub");
    }
    return found;
  }

  @GET
  @Path("/{id}/result")
  @Blocking
  @Produces("text/csv")
  @RolesAllowed(Roles.SUPERVISOR)
  @Operation(
      summary = "A finished scrub's result, streamed",
      description = "CSV: number (as sent), decision (ALLOW, DENY, INVALID), reasons (; between).")
  @APIResponse(responseCode = "404", description = "No such scrub")
  @APIResponse(responseCode = "409", description = "Still running, or failed")
  @APIResponse(responseCode = "410", description = "Expired: the result was destroyed")
  public Response result(@PathParam("id") UUID id) throws SQLException {
    ListScrubs.Scrub scrub = scrubs.readable(id);
    String actor = identity.getPrincipal().getName();
    // A list passed on is judged again as it is written: what changed since the scrub counts.
    DialCheckService.CampaignFacts rejudge =
        scrub.transferOnly() ? campaignFacts(scrub.campaign()) : null;
    StreamingOutput stream =
        out -> {
          try {
            scrubs.writeResult(id, actor, rejudge, out);
          } catch (SQLException e) {
            throw new UncheckedIOException(new java.io.IOException("the result could not be read"));
          }
        };
    return Response.ok(stream, "text/csv")
        .header("Content-Disposition", "attachment; filename=\"list-scrub-" + id + ".csv\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("/{id}")
  @Blocking
  @RolesAllowed(Roles.SUPERVISOR)
  @Operation(summary = "Destroy a finished scrub's result now (its key is shredded)")
  @APIResponse(responseCode = "204", description = "Destroyed")
  @APIResponse(responseCode = "404", description = "No such scrub")
  @APIResponse(responseCode = "409", description = "Still running")
  public Response delete(@PathParam("id") UUID id) throws SQLException {
    if (!scrubs.delete(id, identity.getPrincipal().getName())) {
      throw ProblemException.notFound("The list scrub");
    }
    return Response.noContent().build();
  }

  private DialCheckService.CampaignFacts campaignFacts(UUID id) {
    try {
      return VertxContextSupport.subscribeAndAwait(() -> dialChecks.campaignFacts(id));
    } catch (ProblemException e) {
      throw e;
    } catch (Throwable e) {
      throw ProblemException.unavailable("the campaign store");
    }
  }

  private static UUID campaignId(String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest("campaign", "is required: the id of the campaign");
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("campaign", "must be a campaign id (a UUID)");
    }
  }
}

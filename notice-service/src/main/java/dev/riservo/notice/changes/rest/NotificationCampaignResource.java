package dev.riservo.notice.changes.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.changes.domain.NotificationEvidence;
import dev.riservo.notice.changes.repository.CampaignRows.CampaignRow;
import dev.riservo.notice.changes.repository.CampaignRows.MemberRow;
import dev.riservo.notice.changes.service.CampaignExport;
import dev.riservo.notice.changes.service.NotificationCampaigns;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rule 10: who must be told of a material change, and the evidence that they were (the DPO's).
 * Subjects appear by reference; the CSV export carries the contact details to reach them.
 */
@Path("/v1/notification-campaigns")
@Tag(name = "Material changes", description = "Who must be told that a notice changed, and how")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DPO)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Only the DPO")
public class NotificationCampaignResource {

  /** A campaign and its progress over the members who count now. */
  public record CampaignView(
      UUID id,
      String noticeId,
      String materialVersion,
      Instant openedAt,
      String openedBy,
      long total,
      long notified,
      long pending) {

    static CampaignView of(CampaignRow c) {
      return new CampaignView(
          c.id(),
          c.noticeId(),
          new NoticeVersionId(c.noticeId(), c.materialVersion()).toString(),
          c.openedAt(),
          c.openedBy(),
          c.total(),
          c.notified(),
          c.total() - c.notified());
    }
  }

  /** A page of members. */
  public record MembersView(long total, int page, int size, List<MemberRow> items) {}

  /** How a member was told. */
  public record NotifyRequest(
      @NotNull NotificationEvidence.Channel channel,
      @Size(max = 200)
          @Pattern(regexp = NotificationEvidence.MESSAGE_ID_REGEX, message = "no spaces")
          String messageId,
      @NotNull Instant sentAt) {}

  private final NotificationCampaigns campaigns;
  private final CampaignExport export;
  private final SecurityIdentity identity;

  public NotificationCampaignResource(
      NotificationCampaigns campaigns, CampaignExport export, SecurityIdentity identity) {
    this.campaigns = campaigns;
    this.export = export;
    this.identity = identity;
  }

  @GET
  @Operation(summary = "Campaigns opened by material changes, newest first (a notice's, or all)")
  public Uni<List<CampaignView>> list(
      @QueryParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId) {
    return campaigns.campaigns(noticeId).map(list -> list.stream().map(CampaignView::of).toList());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A campaign and its progress: members, notified, pending")
  @APIResponse(
      responseCode = "404",
      description = "No such campaign",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<CampaignView> get(@PathParam("id") UUID id) {
    return campaigns.campaign(id).map(CampaignView::of);
  }

  @GET
  @Path("/{id}/members")
  @Operation(
      summary = "Who must be told, paged",
      description =
          "Subjects presented an earlier version of the notice, by reference, with the last"
              + " version they heard and the evidence of their notification; erased and"
              + " restricted subjects are left out.")
  public Uni<MembersView> members(
      @PathParam("id") UUID id,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
      @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
    return campaigns
        .members(id, page, size)
        .map(p -> new MembersView(p.total(), p.page(), p.size(), p.items()));
  }

  @GET
  @Path("/{id}/members.csv")
  @Blocking
  @Produces("text/csv")
  @Operation(
      summary = "Who must be told, as CSV, streamed",
      description =
          "subject_ref, phone, email, customer_id (opened from their sealed form),"
              + " last_version_heard, last_presented_at, notified_at, channel, message_id."
              + " Audited.")
  @APIResponse(responseCode = "404", description = "No such campaign")
  public Response csv(@PathParam("id") UUID id) throws SQLException {
    if (!export.exists(id)) {
      throw ProblemException.notFound("The notification campaign");
    }
    String actor = identity.getPrincipal().getName();
    StreamingOutput stream =
        out -> {
          try {
            export.write(id, actor, out);
          } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("the list could not be read"));
          }
        };
    return Response.ok(stream, "text/csv")
        .header("Content-Disposition", "attachment; filename=\"notification-" + id + ".csv\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @PUT
  @Path("/{id}/members/{subjectRef}/notification")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Record how a member was told",
      description =
          "Once per member: the same evidence again is answered as it stands; other evidence"
              + " is 409. sentAt not in the future, not before the campaign opened (422).")
  @APIResponse(responseCode = "200", description = "The member with its evidence")
  @APIResponse(
      responseCode = "404",
      description = "No such campaign, or the subject is not (or no longer) on its list",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "Recorded already, differently",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "sentAt in the future or before the campaign",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<MemberRow> notified(
      @PathParam("id") UUID id,
      @PathParam("subjectRef") UUID subjectRef,
      @Valid @NotNull NotifyRequest request) {
    return campaigns.notified(
        id,
        subjectRef,
        new NotificationEvidence(request.channel(), request.messageId(), request.sentAt()),
        identity.getPrincipal().getName());
  }
}

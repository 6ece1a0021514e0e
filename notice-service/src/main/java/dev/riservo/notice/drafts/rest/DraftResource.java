package dev.riservo.notice.drafts.rest;

import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import dev.riservo.notice.current.service.CurrentNotices;
import dev.riservo.notice.drafts.service.DraftService;
import dev.riservo.notice.drafts.service.PublicationService;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.notice.versions.rest.NoticeVersionSummary;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Drafts of notice versions, DPO only: written and rewritten until published (complete for the
 * notice's audience), then immutable. Publishing or changing a published draft is a 409.
 */
@Path("/v1/notices/{noticeId}/drafts")
@Tag(name = "Notice drafts", description = "Notice versions being written (DPO)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DPO)
public class DraftResource {

  private final DraftService drafts;
  private final PublicationService publication;
  private final CurrentNotices current;
  private final IdempotentWrites idempotent;
  private final SecurityIdentity identity;

  public DraftResource(
      DraftService drafts,
      PublicationService publication,
      CurrentNotices current,
      IdempotentWrites idempotent,
      SecurityIdentity identity) {
    this.drafts = drafts;
    this.publication = publication;
    this.current = current;
    this.idempotent = idempotent;
    this.identity = identity;
  }

  @POST
  @Operation(
      summary = "Start a draft",
      description = "Accepts Idempotency-Key. The answer lists the sections still missing.")
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names the draft",
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed field",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Only the DPO writes notices")
  @APIResponse(
      responseCode = "404",
      description = "The notice is not defined",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "413",
      description = "Body over 1 MB",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "An empty draft; audio for a notice not IVR; a reused Idempotency-Key",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> create(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @Valid @NotNull DraftRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    String path = "/v1/notices/" + noticeId + "/drafts";
    return idempotent.post(
        path,
        request,
        idempotencyKey,
        actor ->
            drafts
                .create(noticeId, request.input(), actor)
                .map(
                    d ->
                        Response.created(URI.create(path + "/" + d.id()))
                            .entity(DraftView.of(d))
                            .build()));
  }

  @GET
  @Operation(summary = "The notice's drafts, published ones included, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "The drafts",
      content = @Content(schema = @Schema(implementation = DraftView[].class)))
  @APIResponse(
      responseCode = "404",
      description = "The notice is not defined",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<List<DraftView>> list(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId) {
    return drafts.drafts(noticeId).map(list -> list.stream().map(DraftView::of).toList());
  }

  @GET
  @Path("/{draftId}")
  @Operation(summary = "One draft, with the sections it still lacks")
  @APIResponse(
      responseCode = "200",
      description = "The draft",
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such draft",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<DraftView> draft(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @PathParam("draftId") String draftId) {
    return drafts.draft(noticeId, id(draftId)).map(DraftView::of);
  }

  @PUT
  @Path("/{draftId}")
  @Operation(
      summary = "Rewrite a draft (whole)",
      description = "A published draft is immutable: 409.")
  @APIResponse(
      responseCode = "200",
      description = "Rewritten",
      content = @Content(schema = @Schema(implementation = DraftView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed field",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such draft",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "Published already: immutable",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "An empty draft; audio for a notice not IVR",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<DraftView> update(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @PathParam("draftId") String draftId,
      @Valid @NotNull DraftRequest request) {
    return drafts.update(noticeId, id(draftId), request.input(), actor()).map(DraftView::of);
  }

  @DELETE
  @Path("/{draftId}")
  @Operation(summary = "Discard a draft not published")
  @APIResponse(responseCode = "204", description = "Discarded")
  @APIResponse(
      responseCode = "404",
      description = "No such draft",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "Published already: immutable",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> delete(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @PathParam("draftId") String draftId) {
    return drafts
        .delete(noticeId, id(draftId), actor())
        .map(ignored -> Response.noContent().build());
  }

  @POST
  @Path("/{draftId}/publication")
  @Operation(
      summary = "Publish a draft as the notice's next version",
      description =
          "Complete for the notice's audience (else 422 naming each missing section), effective"
              + " now or later (effectiveFrom), then immutable. Accepts Idempotency-Key.")
  @APIResponse(
      responseCode = "201",
      description = "Published; Location names the version",
      content = @Content(schema = @Schema(implementation = NoticeVersionSummary.class)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed effectiveFrom",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such draft",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "Published already; or effective before a version already scheduled",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description =
          "Sections missing (notice-incomplete); effectiveFrom in the past or too far ahead;"
              + " a material change taking effect too soon (material-change-too-soon)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> publish(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @PathParam("draftId") String draftId,
      @Valid PublishDraft request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    UUID id = id(draftId);
    PublishDraft publish = request == null ? new PublishDraft(null, null) : request;
    String path = "/v1/notices/" + noticeId + "/drafts/" + id + "/publication";
    return idempotent
        .post(
            path,
            publish,
            idempotencyKey,
            actor ->
                publication
                    .publish(
                        noticeId,
                        id,
                        publish.effectiveFrom() == null
                            ? null
                            : publish.effectiveFrom().toInstant(),
                        publish.isMaterial(),
                        actor)
                    .map(
                        p ->
                            Response.created(
                                    URI.create(
                                        "/v1/notices/"
                                            + noticeId
                                            + "/versions/"
                                            + p.version().version()))
                                .entity(
                                    NoticeVersionSummary.of(p.version())
                                        .published(p.material(), p.notificationCampaign()))
                                .build()))
        .invoke(() -> current.invalidate(noticeId));
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }

  /** A draft id; anything else names no draft (404, never a 500). */
  private static UUID id(String draftId) {
    try {
      if (draftId.length() == 36) {
        return UUID.fromString(draftId);
      }
    } catch (IllegalArgumentException e) {
      // not an id
    }
    throw ProblemException.notFound("The draft");
  }
}

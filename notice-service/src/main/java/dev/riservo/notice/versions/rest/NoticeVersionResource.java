package dev.riservo.notice.versions.rest;

import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.notice.versions.service.NoticeVersionService;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Versioned privacy notices (DESIGN.md rule 10). The DPO publishes; staff and services read every
 * published version here (scheduled ones included); anyone reads those in force under {@code
 * /v1/public/notices}. There is no PUT, PATCH or DELETE: a published version never changes.
 * Plain-text publishing here is for notices without a definition; defined notices are published
 * from drafts.
 */
@Path("/v1/notices")
@Tag(name = "Notices", description = "Versioned privacy notices, immutable once published")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoticeVersionResource {

  private static final String NOTICE_ID_RULE = "must be 2-64 lower-case letters, digits, -";
  private static final String LATEST = "latest";

  private static final String EXAMPLE_FIELDS =
      "\"id\":\"tm-it@2\",\"noticeId\":\"tm-it\",\"version\":2,\"language\":\"it\","
          + "\"title\":\"Informativa privacy - telemarketing\",\"contentHash\":"
          + "\"1895cc1ecb2892216b1667148be5e39bbac8f54760311db1ac32c6892f4439cb\","
          + "\"publishedAt\":\"2026-03-02T09:15:00.123456Z\",\"publishedBy\":\"dora-dpo\"";
  private static final String SUMMARY_EXAMPLE = "{" + EXAMPLE_FIELDS + "}";
  private static final String DOCUMENT_EXAMPLE =
      "{" + EXAMPLE_FIELDS + ",\"content\":\"Titolare del trattamento: Riservo S.r.l.\"}";
  private static final String NOT_FOUND_EXAMPLE =
      "{\"type\":\"https://riservo.dev/problems/not-found\",\"title\":\"Not found\","
          + "\"status\":404,\"detail\":\"The notice version was not found\","
          + "\"instance\":\"/v1/notices/versions/tm-it@9\"}";

  private final NoticeVersionService notices;
  private final IdempotentWrites idempotent;

  public NoticeVersionResource(NoticeVersionService notices, IdempotentWrites idempotent) {
    this.notices = notices;
    this.idempotent = idempotent;
  }

  @POST
  @Path("/{noticeId}/versions")
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "Publish the next version of a notice",
      description =
          "Versions count 1, 2, ... per notice; concurrent publishes of one notice get distinct"
              + " versions. A published version is immutable. Accepts Idempotency-Key: a retry"
              + " with the same key and body gets the first answer and publishes nothing.")
  @APIResponse(
      responseCode = "201",
      description = "Published; Location names the new version",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeVersionSummary.class),
              examples = @ExampleObject(name = "published", value = SUMMARY_EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed notice id or body; errors name each field",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Only the DPO publishes notices")
  @APIResponse(
      responseCode = "422",
      description = "The Idempotency-Key was used for another request",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> publish(
      @PathParam("noticeId")
          @Parameter(description = "The notice, e.g. tm-it", example = "tm-it")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NOTICE_ID_RULE)
          String noticeId,
      @Valid @NotNull PublishNoticeVersion request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    if (NoticeVersionId.RESERVED.equals(noticeId)) {
      throw ProblemException.badRequest("noticeId", "is reserved; choose another id");
    }
    String path = "/v1/notices/" + noticeId + "/versions";
    return idempotent.post(
        path,
        request,
        idempotencyKey,
        actor ->
            notices
                .publish(request.draft(noticeId), actor)
                .map(
                    published ->
                        Response.created(URI.create(path + "/" + published.version()))
                            .entity(NoticeVersionSummary.of(published))
                            .build()));
  }

  @GET
  @Path("/{noticeId}/versions/{version}")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(
      summary =
          "One version of a notice, with its text (staff; the public read is /v1/public/notices/versions/{id})",
      description = "version is a number, or latest for the newest one.")
  @APIResponse(
      responseCode = "200",
      description = "The version",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeVersionDocument.class),
              examples = @ExampleObject(name = "version", value = DOCUMENT_EXAMPLE)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed notice id or version",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such notice or version",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<NoticeVersionDocument> version(
      @PathParam("noticeId")
          @Parameter(example = "tm-it")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NOTICE_ID_RULE)
          String noticeId,
      @PathParam("version")
          @Parameter(
              description = "A version number, or latest",
              schema = @Schema(type = SchemaType.STRING, pattern = "^(latest|[1-9][0-9]{0,8})$"),
              example = "latest")
          @Pattern(
              regexp = "^(" + LATEST + "|" + NoticeVersionId.VERSION + ")$",
              message = "must be a version number (1, 2, ...) or latest")
          String version) {
    return (LATEST.equals(version)
            ? notices.latest(noticeId)
            : notices.version(new NoticeVersionId(noticeId, Integer.parseInt(version))))
        .map(NoticeVersionDocument::of);
  }

  @GET
  @Path("/{noticeId}/versions")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(
      summary =
          "Every version of a notice, newest first, without texts (staff; the public read is /v1/public/notices/versions/{id})")
  @APIResponse(
      responseCode = "200",
      description = "The versions, newest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = NoticeVersionSummary.class),
              examples = @ExampleObject(name = "versions", value = "[" + SUMMARY_EXAMPLE + "]")))
  @APIResponse(
      responseCode = "400",
      description = "A malformed notice id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No version of this notice was ever published",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<List<NoticeVersionSummary>> versions(
      @PathParam("noticeId")
          @Parameter(example = "tm-it")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NOTICE_ID_RULE)
          String noticeId) {
    return notices
        .history(noticeId)
        .map(list -> list.stream().map(NoticeVersionSummary::of).toList());
  }

  @GET
  @Path("/versions/{id}")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(
      summary =
          "A version by its id {noticeId}@{version}, with its text (staff; the public read is /v1/public/notices/versions/{id})",
      description =
          "What a service calls to check the {id, contentHash} a presentation recorded. A"
              + " malformed id is simply not found (one holding U+0000 is a 400, as in any"
              + " parameter of any service).")
  @APIResponse(
      responseCode = "200",
      description = "The version",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeVersionDocument.class),
              examples = @ExampleObject(name = "version", value = DOCUMENT_EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No such version, or not a version id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "not found", value = NOT_FOUND_EXAMPLE)))
  public Uni<NoticeVersionDocument> byId(
      @PathParam("id") @Parameter(description = "{noticeId}@{version}", example = "tm-it@2")
          String id) {
    return NoticeVersionId.parse(id)
        .map(notices::version)
        .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound("The notice version")))
        .map(NoticeVersionDocument::of);
  }
}

package dev.riservo.notice.catalog.rest;

import dev.riservo.identity.Roles;
import dev.riservo.notice.catalog.domain.NoticeDefinition;
import dev.riservo.notice.catalog.service.NoticeCatalogService;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Notice definitions: key, audience, channel and fallback language (the DPO defines them). */
@Path("/v1/notices/{noticeId}")
@Tag(name = "Notices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NoticeResource {

  static final String EXAMPLE =
      "{\"noticeId\":\"outbound-call\",\"audience\":\"SUBJECTS\",\"channel\":\"VERBAL_SCRIPT\","
          + "\"fallbackLanguage\":\"it\"}";

  private final NoticeCatalogService catalog;
  private final SecurityIdentity identity;

  public NoticeResource(NoticeCatalogService catalog, SecurityIdentity identity) {
    this.catalog = catalog;
    this.identity = identity;
  }

  @PUT
  @RolesAllowed(Roles.DPO)
  @Operation(
      summary = "Define a notice (once)",
      description =
          "Sets the notice's audience, channel and fallback language. The same definition again"
              + " is a no-op (200); another one is a 409: a definition never changes. A notice"
              + " published before definitions existed may be defined once.")
  @APIResponse(
      responseCode = "201",
      description = "Defined",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeDefinition.class),
              examples = @ExampleObject(name = "defined", value = EXAMPLE)))
  @APIResponse(responseCode = "200", description = "Already defined so")
  @APIResponse(
      responseCode = "400",
      description = "A malformed key, audience, channel or unknown language",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "Only the DPO defines notices")
  @APIResponse(
      responseCode = "409",
      description = "Defined otherwise already",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> define(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId,
      @Valid @NotNull DefineNotice request) {
    if (NoticeVersionId.RESERVED.equals(noticeId)) {
      throw ProblemException.badRequest("noticeId", "is reserved; choose another id");
    }
    return catalog
        .define(request.definition(noticeId), identity.getPrincipal().getName())
        .map(d -> Response.status(d.created() ? 201 : 200).entity(d.definition()).build());
  }

  @GET
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.ADMIN, Roles.SERVICE})
  @Operation(summary = "A notice's definition")
  @APIResponse(
      responseCode = "200",
      description = "The definition",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NoticeDefinition.class),
              examples = @ExampleObject(name = "definition", value = EXAMPLE)))
  @APIResponse(
      responseCode = "404",
      description = "No such notice, or one never defined",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<NoticeDefinition> definition(
      @PathParam("noticeId")
          @Pattern(regexp = NoticeVersionId.NOTICE_ID, message = NoticeVersionId.NOTICE_ID_RULE)
          String noticeId) {
    return catalog.definition(noticeId);
  }
}

package dev.riservo.consent.objections.rest;

import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.RecordingId;
import dev.riservo.consent.objections.repository.ObjectionEntity;
import dev.riservo.consent.objections.service.ObjectionService;
import dev.riservo.consent.objections.service.ObjectionService.ObjectionChannel;
import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.consent.subjects.service.SubjectSelector;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Objections", description = "Objections to direct marketing: absolute, immediate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ObjectionResource {

  public record ObjectionRequest(
      UUID subjectRef,
      @Valid SubjectIdentifiers subject,
      Instant occurredAt,
      @NotNull ObjectionChannel channel,
      CollectorKind collectedBy,
      @Pattern(regexp = RecordingId.PATTERN, message = RecordingId.MESSAGE) String recordingId) {}

  /** An objection as the API shows it. */
  public record Objection(
      UUID id, UUID subjectRef, Instant occurredAt, Instant recordedAt, String channel) {
    static Objection of(ObjectionEntity e) {
      return new Objection(e.id, e.subjectRef, e.occurredAt, e.recordedAt, e.channel);
    }
  }

  private final ObjectionService objections;
  private final IdempotentWrites idempotent;

  public ObjectionResource(ObjectionService objections, IdempotentWrites idempotent) {
    this.objections = objections;
    this.idempotent = idempotent;
  }

  @POST
  @Path("/objections")
  @RolesAllowed(Roles.AGENT)
  @Operation(
      summary = "Record an objection to direct marketing",
      description =
          "Heard on a call or through the callback line; in force at once; the number goes on the"
              + " suppression list, which survives erasure.")
  @APIResponse(responseCode = "201", description = "Recorded")
  public Uni<Response> record(
      @Valid @NotNull ObjectionRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    return idempotent.post(
        "/v1/objections",
        request,
        idempotencyKey,
        actor ->
            objections
                .record(
                    new SubjectSelector(request.subjectRef(), request.subject()),
                    new ObjectionService.ObjectionDraft(
                        request.occurredAt(),
                        request.channel(),
                        request.collectedBy() == null ? CollectorKind.AGENT : request.collectedBy(),
                        request.recordingId()),
                    actor)
                .map(
                    recorded ->
                        Response.created(
                                URI.create("/v1/subjects/" + recorded.subjectRef + "/objections"))
                            .entity(Objection.of(recorded))
                            .build()));
  }

  @GET
  @Path("/subjects/{ref}/objections")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.SERVICE})
  @Operation(summary = "A subject's objections")
  @APIResponse(responseCode = "404", description = "Unknown or erased subject")
  public Uni<List<Objection>> list(@PathParam("ref") UUID ref) {
    return objections.ofSubject(ref).map(list -> list.stream().map(Objection::of).toList());
  }
}

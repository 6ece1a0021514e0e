package dev.riservo.consent.inbound.rest;

import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.RecordingId;
import dev.riservo.consent.inbound.service.InboundCallService;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/inbound-calls")
@Tag(name = "Callback line", description = "Calls received on a campaign's caller id (rule 7)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InboundCallResource {

  /**
   * A call received: the caller id dialled, the caller's number (absent if withheld), whether the
   * caller objected to direct marketing, who collected the objection (the agent, or the caller at
   * the IVR).
   */
  public record InboundCallRequest(
      @NotBlank @Size(max = 64) String cli,
      @Size(max = 64) String caller,
      Instant receivedAt,
      @NotNull Boolean objected,
      CollectorKind collectedBy,
      @Pattern(regexp = RecordingId.PATTERN, message = RecordingId.MESSAGE) String recordingId) {}

  private final InboundCallService calls;
  private final IdempotentWrites idempotent;

  public InboundCallResource(InboundCallService calls, IdempotentWrites idempotent) {
    this.calls = calls;
    this.idempotent = idempotent;
  }

  @POST
  @RolesAllowed({Roles.AGENT, Roles.SERVICE})
  @Operation(
      summary = "Record a call received on a campaign's caller id",
      description =
          "When the caller objects, the objection is recorded at once (channel CALLBACK): the"
              + " number is suppressed for every campaign before this answers. Accepts"
              + " Idempotency-Key.")
  @APIResponse(responseCode = "201", description = "Recorded")
  @APIResponse(responseCode = "400", description = "Malformed caller id or number")
  @APIResponse(
      responseCode = "422",
      description = "An objection from a withheld number (it cannot be suppressed)")
  public Uni<Response> record(
      @Valid @NotNull InboundCallRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    return idempotent.post(
        "/v1/inbound-calls",
        request,
        idempotencyKey,
        actor ->
            calls
                .record(
                    new InboundCallService.InboundCallDraft(
                        request.cli(),
                        request.caller(),
                        request.receivedAt(),
                        request.objected(),
                        request.collectedBy(),
                        request.recordingId()),
                    actor)
                .map(
                    call ->
                        Response.created(URI.create("/v1/inbound-calls/" + call.id()))
                            .entity(call)
                            .build()));
  }
}

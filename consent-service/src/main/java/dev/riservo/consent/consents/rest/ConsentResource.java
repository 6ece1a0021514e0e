package dev.riservo.consent.consents.rest;

import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.rest.ConsentRequests.ConsentRequest;
import dev.riservo.consent.consents.rest.ConsentRequests.WithdrawAllRequest;
import dev.riservo.consent.consents.service.ConsentDraft;
import dev.riservo.consent.consents.service.ConsentService;
import dev.riservo.consent.consents.service.RecordingBatches;
import dev.riservo.consent.notices.PresentedNotices;
import dev.riservo.consent.staffpolicy.StaffPolicyGate;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Consents", description = "Consent given and withdrawn per purpose, with receipts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConsentResource {

  private final ConsentService consents;
  private final RecordingBatches batches;
  private final IdempotentWrites idempotent;
  private final PresentedNotices notices;
  private final StaffPolicyGate staffPolicy;
  private final SecurityIdentity identity;

  public ConsentResource(
      ConsentService consents,
      RecordingBatches batches,
      IdempotentWrites idempotent,
      PresentedNotices notices,
      StaffPolicyGate staffPolicy,
      SecurityIdentity identity) {
    this.consents = consents;
    this.batches = batches;
    this.idempotent = idempotent;
    this.notices = notices;
    this.staffPolicy = staffPolicy;
    this.identity = identity;
  }

  @POST
  @Path("/consents")
  @RolesAllowed(Roles.AGENT)
  @Operation(
      summary = "Record consent given or withdrawn for one purpose",
      description =
          "Append-only; answers the record id and its signed receipt. The collecting agent is"
              + " taken from the token. Accepts Idempotency-Key.")
  @APIResponse(responseCode = "201", description = "Recorded, with its receipt")
  @APIResponse(responseCode = "400", description = "Malformed body or identifier")
  @APIResponse(responseCode = "404", description = "Unknown subject reference")
  @APIResponse(responseCode = "422", description = "Breaks a rule; the field is named")
  @APIResponse(
      responseCode = "503",
      description = "The notice service could not confirm the notice presented; retry later")
  public Uni<Response> record(
      @Valid @NotNull ConsentRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    ConsentDraft draft = request.draft();
    // Checked before the transaction: no pooled connection waits on the notice service. Only a
    // consent given is checked: a withdrawal needs no notice (rule 3), and one it names is kept as
    // sent, never a reason to refuse the withdrawal; nor does a staff policy stop it.
    Uni<Void> checked =
        draft.state() == ConsentState.GIVEN
            ? staffPolicy
                .admit(identity)
                .chain(
                    () -> notices.check(draft.noticeId(), draft.noticeHash(), draft.occurredAt()))
            : Uni.createFrom().voidItem();
    return checked.chain(
        () -> {
          String actor = identity.getPrincipal().getName();
          return batches.record(
              request.selector(),
              draft,
              actor,
              idempotent.claim(RecordingBatches.PATH, request, idempotencyKey, actor));
        });
  }

  @POST
  @Path("/consents/withdraw-all")
  @RolesAllowed(Roles.AGENT)
  @Operation(
      summary = "Withdraw every consent of a subject, at once",
      description = "Effective immediately; one record, receipt and audit entry per purpose.")
  @APIResponse(responseCode = "200", description = "What was withdrawn (may be nothing)")
  @APIResponse(responseCode = "404", description = "Unknown subject")
  public Uni<Response> withdrawAll(
      @Valid @NotNull WithdrawAllRequest request,
      @HeaderParam(IdempotentWrites.HEADER) String idempotencyKey) {
    return idempotent.postOnConnection(
        "/v1/consents/withdraw-all",
        request,
        idempotencyKey,
        (connection, actor) ->
            consents
                .withdrawAll(connection, request.selector(), request.draft(), actor)
                .map(withdrawn -> Response.ok(withdrawn).build()));
  }

  @GET
  @Path("/subjects/{ref}/consents")
  @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.DPO, Roles.SERVICE})
  @Operation(
      summary = "Consent state per purpose, and the full history",
      description = "With ?at=<ISO-8601 instant>, the state that held at that instant.")
  @APIResponse(responseCode = "404", description = "Unknown or erased subject")
  @APIResponse(responseCode = "400", description = "at is no ISO-8601 instant, or out of bounds")
  public Uni<ConsentService.SubjectConsents> consentsOf(
      @PathParam("ref") UUID ref, @QueryParam("at") Instant at) {
    // (an Instant parameter goes through rest-problem's bounded converter: 400 naming it)
    return consents.consentsOf(ref, at);
  }
}

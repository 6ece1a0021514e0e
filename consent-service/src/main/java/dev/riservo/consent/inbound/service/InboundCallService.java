package dev.riservo.consent.inbound.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.campaigns.repository.CampaignEntity;
import dev.riservo.consent.campaigns.service.CampaignService;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.service.ConsentRules;
import dev.riservo.consent.inbound.repository.InboundCallEntity;
import dev.riservo.consent.inbound.repository.InboundCallRepository;
import dev.riservo.consent.objections.repository.ObjectionEntity;
import dev.riservo.consent.objections.service.ObjectionService;
import dev.riservo.consent.objections.service.ObjectionService.ObjectionChannel;
import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.consent.subjects.service.SubjectSelector;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The callback line (rule 7): a call received on a campaign's caller id is recorded against the
 * campaigns presenting it; when the caller objects, the objection is recorded in the same
 * transaction (rule 4: absolute, in force at once, the number suppressed). A caller id no campaign
 * presents (any more) is recorded with no campaign: an objection is never refused for that.
 */
@ApplicationScoped
public class InboundCallService {

  /** A call as the agent or the IVR reports it. */
  public record InboundCallDraft(
      String cli,
      String caller,
      Instant receivedAt,
      boolean objected,
      CollectorKind collectedBy,
      String recordingId) {}

  /** What was recorded. */
  public record InboundCall(
      UUID id,
      Instant receivedAt,
      String cli,
      List<UUID> campaigns,
      boolean objected,
      UUID objectionId,
      UUID subjectRef) {}

  private final InboundCallRepository calls;
  private final CampaignService campaigns;
  private final ObjectionService objections;
  private final FieldEncryption encryption;
  private final AuditTrail audit;
  private final ConsentConfig config;

  public InboundCallService(
      InboundCallRepository calls,
      CampaignService campaigns,
      ObjectionService objections,
      FieldEncryption encryption,
      AuditTrail audit,
      ConsentConfig config) {
    this.calls = calls;
    this.campaigns = campaigns;
    this.objections = objections;
    this.encryption = encryption;
    this.audit = audit;
    this.config = config;
  }

  @WithTransaction
  public Uni<InboundCall> record(InboundCallDraft draft, String actor) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant receivedAt =
        ConsentRules.occurredAt(draft.receivedAt(), now, config.clockSkew())
            .truncatedTo(ChronoUnit.MICROS);
    boolean withheld = draft.caller() == null || draft.caller().isBlank();
    if (draft.objected() && withheld) {
      throw ProblemException.unprocessable(
          "caller-withheld",
          "caller",
          "is needed to record an objection: a withheld number cannot be suppressed");
    }
    String callerIndex = withheld ? null : callerIndex(draft.caller());
    return campaigns
        .presenting(draft.cli())
        .chain(
            presenting -> {
              Uni<ObjectionEntity> objection =
                  draft.objected()
                      ? objections.record(
                          new SubjectSelector(
                              null, new SubjectIdentifiers(draft.caller(), null, null)),
                          new ObjectionService.ObjectionDraft(
                              receivedAt,
                              ObjectionChannel.CALLBACK,
                              draft.collectedBy() == null
                                  ? CollectorKind.AGENT
                                  : draft.collectedBy(),
                              draft.recordingId()),
                          actor)
                      : Uni.createFrom().nullItem();
              return objection.chain(
                  objected ->
                      persist(draft, actor, now, receivedAt, presenting, callerIndex, objected));
            });
  }

  private Uni<InboundCall> persist(
      InboundCallDraft draft,
      String actor,
      Instant now,
      Instant receivedAt,
      List<CampaignEntity> presenting,
      String callerIndex,
      ObjectionEntity objection) {
    InboundCallEntity call = new InboundCallEntity();
    call.id = UUID.randomUUID();
    call.receivedAt = receivedAt;
    call.recordedAt = now;
    call.cli = campaigns.e164(draft.cli());
    List<UUID> ids = presenting.stream().map(c -> c.id).sorted().toList();
    call.campaignIds = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    call.callerIndex = callerIndex;
    call.objectionId = objection == null ? null : objection.id;
    call.handledBy = actor;
    call.recordingId = draft.recordingId();
    UUID subjectRef = objection == null ? null : objection.subjectRef;
    return calls
        .persist(call)
        .call(
            () ->
                audit.append(
                    new AuditEvent(
                        actor,
                        "inbound-call.received",
                        subjectRef == null ? null : subjectRef.toString(),
                        Map.of(
                            "call",
                            call.id.toString(),
                            "cli",
                            call.cli,
                            "campaigns",
                            call.campaignIds,
                            "objected",
                            Boolean.toString(objection != null)))))
        .map(
            saved ->
                new InboundCall(
                    call.id,
                    call.receivedAt,
                    call.cli,
                    ids,
                    objection != null,
                    call.objectionId,
                    subjectRef));
  }

  private String callerIndex(String caller) {
    try {
      return encryption.phoneIndex(encryption.identifiers().phone(caller));
    } catch (InvalidIdentifierException e) {
      throw ProblemException.badRequest("caller", "is not a valid phone number");
    }
  }
}

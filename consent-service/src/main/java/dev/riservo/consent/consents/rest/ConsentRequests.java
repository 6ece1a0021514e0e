package dev.riservo.consent.consents.rest;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.consents.domain.RecordingId;
import dev.riservo.consent.consents.service.ConsentDraft;
import dev.riservo.consent.consents.service.ConsentService;
import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.consent.subjects.service.SubjectSelector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The bodies of the consent endpoints. */
public final class ConsentRequests {

  private ConsentRequests() {}

  /** The privacy notice presented: its version id and the SHA-256 of its content (hex). */
  public record Notice(
      @NotBlank @Size(max = 128) String id,
      @NotBlank @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be a SHA-256 in lower-case hex")
          String hash) {}

  /** The proof of a consent heard on a call: the recording and the offset into it. */
  public record Evidence(
      @NotBlank @Pattern(regexp = RecordingId.PATTERN, message = RecordingId.MESSAGE)
          String recordingId,
      @NotNull @PositiveOrZero Long offsetMs) {}

  /** Where the contact came from; for a purchased list, the seller chain (one hop only). */
  public record Provenance(
      @NotNull ProvenanceSource source,
      @Size(max = 10) List<@NotBlank @Size(max = 200) String> sellerChain) {}

  /** A contract the consent was given within (the RPO exception of rule 5). */
  public record Contract(Instant endsAt) {}

  /**
   * POST /v1/consents. {@code means}: the means of calling the consent covers (rule 6); left out,
   * calls by a person only.
   */
  public record ConsentRequest(
      UUID subjectRef,
      @Valid SubjectIdentifiers subject,
      @NotBlank @Size(max = 64) String purpose,
      @NotNull ConsentState state,
      Instant occurredAt,
      @NotNull Channel channel,
      CollectorKind collectedBy,
      @Valid Notice notice,
      @Valid Evidence evidence,
      @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code")
          String jurisdiction,
      @Pattern(
              regexp = "^[a-z]{2,3}(-[A-Z]{2})?$",
              message = "must be a language tag like it or it-IT")
          String language,
      Instant expiresAt,
      @Valid Provenance provenance,
      @Valid Contract contract,
      CallMeans means) {

    public SubjectSelector selector() {
      return new SubjectSelector(subjectRef, subject);
    }

    public ConsentDraft draft() {
      return new ConsentDraft(
          purpose,
          state,
          occurredAt,
          channel,
          collectedBy == null ? CollectorKind.AGENT : collectedBy,
          notice == null ? null : notice.id(),
          notice == null ? null : notice.hash(),
          evidence == null ? null : evidence.recordingId(),
          evidence == null ? null : evidence.offsetMs(),
          jurisdiction,
          language,
          expiresAt,
          provenance == null ? ProvenanceSource.OWN_COLLECTION : provenance.source(),
          provenance == null || provenance.sellerChain() == null
              ? List.of()
              : provenance.sellerChain(),
          contract != null,
          contract == null ? null : contract.endsAt(),
          means == null ? CallMeans.PERSON : means);
    }
  }

  /** POST /v1/consents/withdraw-all. */
  public record WithdrawAllRequest(
      UUID subjectRef,
      @Valid SubjectIdentifiers subject,
      Instant occurredAt,
      @NotNull Channel channel,
      CollectorKind collectedBy,
      @Valid Evidence evidence) {

    public SubjectSelector selector() {
      return new SubjectSelector(subjectRef, subject);
    }

    public ConsentService.WithdrawAllDraft draft() {
      return new ConsentService.WithdrawAllDraft(
          occurredAt,
          channel,
          collectedBy == null ? CollectorKind.AGENT : collectedBy,
          evidence == null ? null : evidence.recordingId(),
          evidence == null ? null : evidence.offsetMs());
    }
  }
}

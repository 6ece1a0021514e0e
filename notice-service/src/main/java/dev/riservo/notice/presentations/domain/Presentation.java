package dev.riservo.notice.presentations.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One presentation of a published notice version to a data subject: which version (id and the hash
 * the presenter holds), in which language, how, when, by whom, with the call recording as evidence.
 * Names the subject by reference only.
 */
public record Presentation(
    UUID id,
    UUID subjectRef,
    String noticeVersionId,
    String noticeHash,
    PresentationRules.HashKind hashKind,
    String language,
    DeliveryMode deliveryMode,
    Instant presentedAt,
    Instant recordedAt,
    String recordedBy,
    String agentId,
    String recordingId,
    Long recordingOffsetMs) {}

package dev.riservo.consent.subjects.service;

import jakarta.validation.Valid;
import java.util.UUID;

/** Names the subject of a write: a known reference, or identifiers (found or registered). */
public record SubjectSelector(UUID subjectRef, @Valid SubjectIdentifiers subject) {}

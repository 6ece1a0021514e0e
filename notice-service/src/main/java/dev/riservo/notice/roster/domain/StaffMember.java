package dev.riservo.notice.roster.domain;

/** A member of staff who must acknowledge staff notices: the tokens' {@code sub} and username. */
public record StaffMember(String subjectId, String username) {}

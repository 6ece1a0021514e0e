package dev.riservo.notice.versions.domain;

/** A published version with its full text, as it was presented. */
public record NoticeText(NoticeVersion version, String content) {}

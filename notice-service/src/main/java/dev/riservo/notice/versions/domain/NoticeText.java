package dev.riservo.notice.versions.domain;

/**
 * A published version with its full text as it was presented ({@code content}: the Markdown body of
 * a structured version), and for a structured version its canonical document, the name of its hash
 * and (IVR) the audio's SHA-256.
 */
public record NoticeText(
    NoticeVersion version, String content, String document, String hashAlg, String audioSha256) {}

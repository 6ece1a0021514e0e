package dev.riservo.notice.catalog.domain;

/**
 * What a notice is: its key, audience, channel and the language to fall back to when a version in
 * the language asked for is not in force. Fixed once defined (answers about past instants must not
 * change). Notices published before structured notices existed have no definition.
 */
public record NoticeDefinition(
    String noticeId, Audience audience, Channel channel, String fallbackLanguage) {}

package dev.riservo.notice.catalog.rest;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.catalog.domain.NoticeDefinition;
import dev.riservo.notice.content.domain.Languages;
import dev.riservo.notice.validation.Language;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the DPO sends to define a notice. */
@Schema(description = "A notice's definition: fixed once made")
public record DefineNotice(
    @NotNull Audience audience,
    @NotNull Channel channel,
    @Schema(
            description = "Language used when no version in the language asked for is in force",
            examples = "it")
        @NotNull
        @Language
        String fallbackLanguage) {

  NoticeDefinition definition(String noticeId) {
    return new NoticeDefinition(
        noticeId, audience, channel, Languages.canonical(fallbackLanguage).orElseThrow());
  }
}

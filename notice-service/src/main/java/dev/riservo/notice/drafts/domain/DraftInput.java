package dev.riservo.notice.drafts.domain;

import dev.riservo.notice.content.domain.NoticeContent;

/** What the DPO writes into a draft (the language in its canonical form). */
public record DraftInput(
    String language, String title, NoticeContent content, String body, String audioSha256) {

  /** Nothing at all written: no section and no body. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return (content == null || content.isEmpty()) && body == null;
  }
}

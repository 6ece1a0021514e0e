package dev.riservo.notice.acknowledgements.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.notice.acknowledgements.service.AcknowledgementService.MyNotice;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the caller still has to acknowledge, and what they have. */
@Schema(description = "The caller's standing with every staff notice in force")
public record MyAcknowledgementsView(
    @Schema(description = "Staff notices whose current version the caller has not acknowledged")
        List<Item> missing,
    @Schema(description = "Staff notices whose current version the caller acknowledged")
        List<Item> done) {

  /** One staff notice: its current versions and, when done, the caller's acknowledgement. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      String noticeId, List<CurrentVersionView> current, AcknowledgementView acknowledgement) {}

  static MyAcknowledgementsView of(List<MyNotice> notices) {
    List<Item> items =
        notices.stream()
            .map(
                n ->
                    new Item(
                        n.noticeId(),
                        n.current().stream().map(CurrentVersionView::of).toList(),
                        n.acknowledgement() == null
                            ? null
                            : AcknowledgementView.of(n.acknowledgement())))
            .toList();
    return new MyAcknowledgementsView(
        items.stream().filter(i -> i.acknowledgement() == null).toList(),
        items.stream().filter(i -> i.acknowledgement() != null).toList());
  }
}

package dev.riservo.notice.acknowledgements.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.riservo.notice.acknowledgements.domain.Standing;
import dev.riservo.notice.acknowledgements.service.AcknowledgementService.NoticeStanding;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the staff who have (not) acknowledged a notice's current versions, with counts. */
@Schema(description = "Who of the staff roster has (not) acknowledged the current version")
public record StandingView(
    String noticeId,
    @Schema(description = "missing or done", examples = "missing") String status,
    List<CurrentVersionView> currentVersions,
    Counts counts,
    int page,
    int size,
    List<Item> items) {

  /** Over the whole roster (enabled users with a staff role). */
  public record Counts(int acknowledged, int missing, int total) {}

  /** A member of staff and, when done, which version they acknowledged and when. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      @Schema(description = "Keycloak subject id") String subjectId,
      String username,
      String versionId,
      Instant acknowledgedAt) {

    static Item of(Standing.Entry e) {
      return e.acknowledgement() == null
          ? new Item(e.member().subjectId(), e.member().username(), null, null)
          : new Item(
              e.member().subjectId(),
              e.member().username(),
              e.acknowledgement().versionId().toString(),
              e.acknowledgement().acknowledgedAt());
    }
  }

  static StandingView of(NoticeStanding s, boolean missing, int page, int size) {
    Standing standing = s.standing();
    List<Standing.Entry> all = missing ? standing.missing() : standing.done();
    long from = (long) page * size;
    List<Item> items = all.stream().skip(from).limit(size).map(Item::of).toList();
    return new StandingView(
        s.noticeId(),
        missing ? "missing" : "done",
        s.current().stream().map(CurrentVersionView::of).toList(),
        new Counts(standing.done().size(), standing.missing().size(), standing.total()),
        page,
        size,
        items);
  }
}

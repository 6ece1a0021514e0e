package dev.riservo.notice.changes.service;

import dev.riservo.notice.changes.repository.CampaignRows;
import dev.riservo.notice.subjectdata.service.SubjectDataPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subject's places on notification lists (who must be told of a material change, and how they
 * were) as part of what the internal data-source contract exports and erases. Erasure deletes them:
 * an erased person is told nothing more, and the audit trail keeps, by reference only, that they
 * were notified.
 */
@ApplicationScoped
public class NotificationDataPart implements SubjectDataPart {

  private final CampaignRows rows;

  public NotificationDataPart(CampaignRows rows) {
    this.rows = rows;
  }

  @Override
  public String name() {
    return "change-notifications";
  }

  @Override
  public Uni<Held> export(UUID subjectRef) {
    return rows.ofSubject(subjectRef)
        .map(
            list ->
                new Held(
                    name(),
                    List.of("notifications of material changes to privacy notices"),
                    List.of(
                        new Purpose(
                            "telling those who heard an earlier version of a notice that it"
                                + " changed materially (GDPR Art. 12, 13(3))",
                            "LEGAL_OBLIGATION (Art. 6(1)(c))")),
                    "the notice versions presented to the person",
                    "as long as the person is held; deleted on erasure",
                    List.of(),
                    list.stream().map(NotificationDataPart::record).toList()));
  }

  @Override
  public Uni<Long> count(UUID subjectRef) {
    return rows.ofSubject(subjectRef).map(list -> (long) list.size());
  }

  @Override
  public Uni<Long> erase(UUID subjectRef) {
    return rows.deleteOfSubject(subjectRef).map(Integer::longValue);
  }

  private static Map<String, Object> record(Object[] row) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("notice", row[0] + "@" + row[1]);
    record.put("lastVersionHeard", row[2]);
    if (row[3] != null) {
      record.put("notifiedAt", CampaignRows.instant(row[3]));
      record.put("channel", row[4]);
      record.put("messageId", row[5]);
    }
    return record;
  }
}

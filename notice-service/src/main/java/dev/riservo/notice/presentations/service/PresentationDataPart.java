package dev.riservo.notice.presentations.service;

import dev.riservo.notice.presentations.repository.PresentationEntity;
import dev.riservo.notice.presentations.repository.PresentationRepository;
import dev.riservo.notice.subjectdata.service.SubjectDataPart;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Presentations as part of what the internal data-source contract exports and erases. Erasure
 * deletes them all: no legal hold needs them once the person asked to be erased (consent-service
 * deletes the consents they supported; the audit trail keeps, by subject reference only, that a
 * version was presented).
 */
@ApplicationScoped
public class PresentationDataPart implements SubjectDataPart {

  private final PresentationRepository presentations;

  public PresentationDataPart(PresentationRepository presentations) {
    this.presentations = presentations;
  }

  @Override
  public String name() {
    return "presentations";
  }

  @Override
  public Uni<Held> export(UUID subjectRef) {
    return presentations.ofSubject(subjectRef).map(list -> held(list));
  }

  @Override
  public Uni<Long> count(UUID subjectRef) {
    return presentations.countOfSubject(subjectRef);
  }

  @Override
  public Uni<Long> erase(UUID subjectRef) {
    return presentations.deleteOfSubject(subjectRef);
  }

  private Held held(List<PresentationEntity> list) {
    return new Held(
        name(),
        List.of(
            "notice presentations: which privacy notice version was presented, when, in which"
                + " language and how",
            "call recording references (opaque ids and offsets)",
            "the agent who presented it"),
        List.of(
            new Purpose(
                "proof that the person was informed (GDPR Art. 13/14; accountability, Art. 5(2));"
                    + " telling those who heard an older version of a material change",
                "LEGAL_OBLIGATION (Art. 6(1)(c))")),
        "recorded by the call centre's agents and telephony system when the notice was presented",
        "as long as the person is held; deleted on erasure",
        List.of(),
        list.stream().map(PresentationDataPart::record).toList());
  }

  private static Map<String, Object> record(PresentationEntity p) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", p.id);
    r.put("noticeVersionId", p.noticeId + "@" + p.noticeVersion);
    r.put("noticeHash", p.noticeHash);
    r.put("language", p.language);
    r.put("deliveryMode", p.deliveryMode.name());
    r.put("presentedAt", p.presentedAt);
    r.put("agentId", p.agentId);
    if (p.recordingId != null) {
      r.put("recording", Map.of("id", p.recordingId, "offsetMs", p.recordingOffsetMs));
    }
    return r;
  }
}

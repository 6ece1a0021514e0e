package dev.riservo.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private static List<AuditRecord> chain(int length) {
    List<AuditRecord> records = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (long seq = 1; seq <= length; seq++) {
      AuditRecord draft =
          new AuditRecord(
              seq,
              Instant.parse("2026-01-01T10:00:00Z").plusSeconds(seq),
              "agent-" + seq,
              "consent.given",
              "subj-" + seq,
              AuditChain.canonicalDetails(Map.of("purpose", "telemarketing")),
              prev,
              "");
      String hash = AuditChain.hash(prev, draft);
      records.add(
          new AuditRecord(
              seq,
              draft.occurredAt(),
              draft.actor(),
              draft.action(),
              draft.subjectRef(),
              draft.details(),
              prev,
              hash));
      prev = hash;
    }
    return records;
  }

  private static AuditVerification verify(List<AuditRecord> records, long headSeq, String head) {
    ChainVerifier verifier = new ChainVerifier();
    records.forEach(verifier::accept);
    return verifier.finish(headSeq, head);
  }

  @Test
  void intactChainVerifies() {
    List<AuditRecord> records = chain(5);
    AuditVerification result = verify(records, 5, records.get(4).hash());
    assertTrue(result.intact());
    assertEquals(5, result.entriesChecked());
  }

  @Test
  void emptyChainVerifiesAgainstGenesisHead() {
    assertTrue(verify(List.of(), 0, AuditChain.GENESIS).intact());
  }

  @Test
  void editedEntryIsDetected() {
    List<AuditRecord> records = chain(5);
    AuditRecord original = records.get(2);
    records.set(
        2,
        new AuditRecord(
            original.seq(),
            original.occurredAt(),
            "someone-else",
            original.action(),
            original.subjectRef(),
            original.details(),
            original.prevHash(),
            original.hash()));
    AuditVerification result = verify(records, 5, records.get(4).hash());
    assertFalse(result.intact());
    assertEquals(3L, result.brokenAt());
    assertEquals(2, result.entriesChecked());
  }

  @Test
  void deletedMiddleEntryIsDetected() {
    List<AuditRecord> records = chain(5);
    records.remove(1);
    AuditVerification result = verify(records, 5, records.get(3).hash());
    assertFalse(result.intact());
    assertEquals(2L, result.brokenAt());
  }

  @Test
  void deletedNewestEntryIsDetectedThroughTheHead() {
    List<AuditRecord> records = chain(5);
    String head = records.get(4).hash();
    records.remove(4);
    AuditVerification result = verify(records, 5, head);
    assertFalse(result.intact());
    assertEquals(5L, result.brokenAt());
  }

  @Test
  void rehashedEditIsDetectedByTheNextLink() {
    List<AuditRecord> records = chain(4);
    AuditRecord original = records.get(1);
    AuditRecord forged =
        new AuditRecord(
            original.seq(),
            original.occurredAt(),
            original.actor(),
            "consent.withdrawn",
            original.subjectRef(),
            original.details(),
            original.prevHash(),
            "");
    records.set(
        1,
        new AuditRecord(
            forged.seq(),
            forged.occurredAt(),
            forged.actor(),
            forged.action(),
            forged.subjectRef(),
            forged.details(),
            forged.prevHash(),
            AuditChain.hash(forged.prevHash(), forged)));
    AuditVerification result = verify(records, 4, records.get(3).hash());
    assertFalse(result.intact());
    assertEquals(3L, result.brokenAt());
  }

  @Test
  void detailsAreCanonicalWhateverTheirOrder() {
    assertEquals(
        AuditChain.canonicalDetails(Map.of("a", "1", "b", "2")),
        AuditChain.canonicalDetails(new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1"))));
  }
}

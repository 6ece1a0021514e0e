package dev.riservo.audit.domain;

/**
 * Walks the chain in sequence order and stops at the first break. Feed it every entry up to the
 * head that was read before the walk began, then {@link #finish(long, String)} with that head.
 */
public final class ChainVerifier {

  private long expectedSeq = 1;
  private String previousHash = AuditChain.GENESIS;
  private long checked;
  private AuditVerification broken;

  /** Checks one entry; answers false once the chain is known to be broken. */
  public boolean accept(AuditRecord entry) {
    if (broken != null) {
      return false;
    }
    if (entry.seq() != expectedSeq) {
      return fail(expectedSeq, "entry " + expectedSeq + " is missing");
    }
    if (!entry.prevHash().equals(previousHash)) {
      return fail(entry.seq(), "entry " + entry.seq() + " does not link to the entry before it");
    }
    if (!AuditChain.hash(previousHash, entry).equals(entry.hash())) {
      return fail(entry.seq(), "entry " + entry.seq() + " was altered after it was written");
    }
    checked++;
    expectedSeq++;
    previousHash = entry.hash();
    return true;
  }

  /** The verdict, given the head (newest seq and hash) recorded beside the chain. */
  public AuditVerification finish(long headSeq, String headHash) {
    if (broken != null) {
      return broken;
    }
    if (checked != headSeq) {
      return new AuditVerification(
          false,
          checked,
          checked + 1,
          "the trail ends at entry " + checked + " but its head records entry " + headSeq);
    }
    if (!previousHash.equals(headHash)) {
      return new AuditVerification(
          false, checked, headSeq, "the newest entry does not match the recorded head");
    }
    return new AuditVerification(true, checked, null, "intact");
  }

  private boolean fail(long seq, String finding) {
    broken = new AuditVerification(false, checked, seq, finding);
    return false;
  }
}

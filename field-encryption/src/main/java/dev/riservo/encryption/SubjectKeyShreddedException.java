package dev.riservo.encryption;

/** The subject's data key was destroyed (erasure): its values can never be read again. */
public class SubjectKeyShreddedException extends FieldDecryptionException {

  private final String subjectRef;

  public SubjectKeyShreddedException(String subjectRef) {
    super("the data key of subject " + subjectRef + " was shredded", null);
    this.subjectRef = subjectRef;
  }

  public String subjectRef() {
    return subjectRef;
  }
}

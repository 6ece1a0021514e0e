package dev.riservo.notice.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One field of a notice's structured content: at most {@link #max} characters, not blank when
 * given, no control character but tab and line breaks (so no NUL, which PostgreSQL text cannot
 * hold) and no unpaired surrogate (it has no UTF-8 form, so its hash would differ from what was
 * sent). Null is valid: whether a section must be there is the completeness check's question.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

  int max();

  String message() default "must be at most {max} characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PlainText, String> {

    private int max;

    @Override
    public void initialize(PlainText annotation) {
      max = annotation.max();
    }

    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
      if (text == null) {
        return true;
      }
      if (text.isBlank()) {
        return refuse(context, "must not be blank (leave it out instead)");
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
          return refuse(context, "must not contain control characters");
        }
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return refuse(context, "must be valid Unicode text (an unpaired surrogate was sent)");
        }
      }
      return text.length() <= max;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
      return false;
    }
  }
}

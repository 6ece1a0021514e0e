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
 * Text that is stored, hashed and given back exactly as sent: at most {@link #maxBytes} bytes in
 * UTF-8, no NUL (PostgreSQL text cannot hold one) and no unpaired surrogate (it has no UTF-8
 * encoding, so the stored text and its hash would silently differ from what was sent). Null is
 * valid (pair with {@code @NotBlank}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StorableText.Validator.class)
public @interface StorableText {

  int maxBytes();

  String message() default "must be at most {maxBytes} bytes in UTF-8";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<StorableText, String> {

    private int maxBytes;

    @Override
    public void initialize(StorableText annotation) {
      maxBytes = annotation.maxBytes();
    }

    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
      if (text == null) {
        return true;
      }
      long bytes = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == 0) {
          return refuse(context, "must not contain the NUL character");
        }
        if (c < 0x80) {
          bytes += 1;
        } else if (c < 0x800) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          bytes += 4;
          i++;
        } else if (Character.isSurrogate(c)) {
          return refuse(context, "must be valid Unicode text (an unpaired surrogate was sent)");
        } else {
          bytes += 3;
        }
      }
      return bytes <= maxBytes;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
      return false;
    }
  }
}

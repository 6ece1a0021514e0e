package dev.riservo.notice.validation;

import dev.riservo.notice.content.domain.Languages;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A supported language ({@link Languages}): {@code it}, {@code de-CH}, ... Null is valid. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Language.Validator.class)
public @interface Language {

  String message() default
      "is not a supported language: an ISO 639-1 code, optionally with a region (it, de-CH)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<Language, String> {
    @Override
    public boolean isValid(String tag, ConstraintValidatorContext context) {
      return tag == null || Languages.canonical(tag).isPresent();
    }
  }
}

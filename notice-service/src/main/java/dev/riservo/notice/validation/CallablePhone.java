package dev.riservo.notice.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A phone number a person can call: international form ({@code +} and the country code), valid for
 * its country by libphonenumber's metadata (length and number range), at most 32 characters with
 * spaces. Null is valid.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CallablePhone.Validator.class)
public @interface CallablePhone {

  String message() default
      "must be a valid phone number in international form (+ and the country code)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<CallablePhone, String> {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Override
    public boolean isValid(String number, ConstraintValidatorContext context) {
      if (number == null) {
        return true;
      }
      if (number.length() > 32 || !number.matches("^\\+[0-9 ]{6,31}$")) {
        return false;
      }
      try {
        return PHONES.isValidNumber(PHONES.parse(number, "ZZ"));
      } catch (NumberParseException e) {
        return false;
      }
    }
  }
}

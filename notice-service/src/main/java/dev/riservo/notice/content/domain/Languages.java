package dev.riservo.notice.content.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The languages a notice may be written in: a fixed list of ISO 639-1 codes (the EU's and EEA's
 * official languages, Switzerland's, and the languages call centres in Italy commonly serve),
 * written as BCP 47 tags, optionally with an ISO 3166-1 region ({@code it}, {@code de-CH}). A tag
 * is compared in its canonical form: language lower case, region upper case.
 */
public final class Languages {

  /** The ISO 639-1 codes accepted. */
  public static final Set<String> CODES =
      Set.copyOf(
          new TreeSet<>(
              Set.of(
                  // EU official languages
                  "bg",
                  "cs",
                  "da",
                  "de",
                  "el",
                  "en",
                  "es",
                  "et",
                  "fi",
                  "fr",
                  "ga",
                  "hr",
                  "hu",
                  "it",
                  "lt",
                  "lv",
                  "mt",
                  "nl",
                  "pl",
                  "pt",
                  "ro",
                  "sk",
                  "sl",
                  "sv",
                  // EEA and Switzerland
                  "is",
                  "no",
                  "nb",
                  "nn",
                  "rm",
                  // regional languages of EU countries
                  "ca",
                  "eu",
                  "gl",
                  "lb",
                  "cy",
                  // languages commonly served by call centres in Italy
                  "ar",
                  "zh",
                  "ru",
                  "uk",
                  "tr",
                  "sq",
                  "sr",
                  "bs",
                  "mk",
                  "hi",
                  "ur",
                  "bn",
                  "tl",
                  "fa",
                  "he",
                  "ja",
                  "ko")));

  private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
  private static final Pattern TAG = Pattern.compile("^([A-Za-z]{2})(?:-([A-Za-z]{2}))?$");

  private Languages() {}

  /** The canonical tag if {@code tag} is a supported language; empty otherwise. */
  public static Optional<String> canonical(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    Matcher m = TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    String language = m.group(1).toLowerCase(Locale.ROOT);
    if (!CODES.contains(language)) {
      return Optional.empty();
    }
    if (m.group(2) == null) {
      return Optional.of(language);
    }
    String region = m.group(2).toUpperCase(Locale.ROOT);
    return REGIONS.contains(region) ? Optional.of(language + "-" + region) : Optional.empty();
  }
}

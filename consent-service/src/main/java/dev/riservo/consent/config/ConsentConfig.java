package dev.riservo.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** consent-service settings ({@code riservo.consent.*}). */
@ConfigMapping(prefix = "riservo.consent")
public interface ConsentConfig {

  /** The data controller named on every receipt (the call centre's client). */
  Controller controller();

  /** Jurisdiction of a consent when the request names none (ISO 3166-1 alpha-2). */
  @WithDefault("IT")
  String defaultJurisdiction();

  /** How far in the future a client's clock may put an event before it is refused. */
  @WithDefault("PT2M")
  Duration clockSkew();

  /** The operator this deployment consults the RPO as (named in re-allowances). */
  @WithDefault("operator")
  String operator();

  /** How consents share transactions ({@code RecordingBatches}). */
  Batch batch();

  interface Batch {

    /** The most consents one transaction records. */
    @WithDefault("32")
    int maxSize();

    /** The most recording transactions at once (each on a pooled connection). */
    @WithDefault("4")
    int concurrency();
  }

  interface Controller {

    /** Legal name of the controller. */
    @WithDefault("Riservo demo controller")
    String name();

    /** Where a person exercises their rights. */
    @WithDefault("privacy@riservo.invalid")
    String contact();

    /** Postal address of the controller. */
    @WithDefault("Via dell'Esempio 1, 00100 Roma RM, Italia")
    String address();

    /** Web page of the controller, if any. */
    Optional<String> url();

    /**
     * The controller's phone number a person can call (E.164). Receipts take the one of the notice
     * presented; this one serves consents that name no notice with a structured document.
     */
    Optional<String> phone();
  }
}

package dev.riservo.encryption.quarkus;

import dev.riservo.encryption.support.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Fresh, empty key and service databases for the CDI layer's test; Flyway migrates it at start. */
public class KeyDatabaseResource implements QuarkusTestResourceLifecycleManager {

  static final String DATABASE = "riservo_fe_quarkus_keys_test";
  static final String SERVICE_DATABASE = "riservo_fe_quarkus_service_test";

  @Override
  public Map<String, String> start() {
    TestDatabases.fresh(DATABASE);
    TestDatabases.fresh(SERVICE_DATABASE);
    return Map.of(
        "quarkus.datasource.keys.jdbc.url",
        url(DATABASE),
        "quarkus.datasource.jdbc.url",
        url(SERVICE_DATABASE),
        "riservo.encryption.local.master-keys.1",
        TestDatabases.MASTER_KEYS.get(1));
  }

  private static String url(String database) {
    return "jdbc:postgresql://" + TestDatabases.HOST + ":" + TestDatabases.PORT + "/" + database;
  }

  @Override
  public void stop() {}
}

package dev.riservo.encryption.quarkus;

import dev.riservo.encryption.support.TestDatabases;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A fresh, empty key database for the CDI layer's test; Flyway migrates it at start. */
public class KeyDatabaseResource implements QuarkusTestResourceLifecycleManager {

  static final String DATABASE = "riservo_fe_quarkus_keys_test";

  @Override
  public Map<String, String> start() {
    TestDatabases.fresh(DATABASE);
    return Map.of(
        "quarkus.datasource.keys.jdbc.url",
        "jdbc:postgresql://" + TestDatabases.HOST + ":" + TestDatabases.PORT + "/" + DATABASE,
        "riservo.encryption.local.master-keys.1",
        TestDatabases.MASTER_KEYS.get(1));
  }

  @Override
  public void stop() {}
}

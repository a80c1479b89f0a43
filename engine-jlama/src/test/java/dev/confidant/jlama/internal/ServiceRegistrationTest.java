package dev.confidant.jlama.internal;

import dev.confidant.testkit.ServiceRegistrations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code provides} in module-info is the source of truth; META-INF/services must list the same providers. */
class ServiceRegistrationTest {

  @Test
  void moduleInfoProvidesMatchMetaInfServices() {
    ServiceRegistrations.assertConsistent(Path.of("target", "classes"));
  }
}

package dev.confidant.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code provides} in module-info is the source of truth; META-INF/services must list the same providers. */
class ServiceRegistrationTest {

  @Test
  void moduleInfoProvidesMatchMetaInfServices() throws IOException {
    Path classes = Path.of("target", "classes");
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Map<String, Set<String>> fromModule = new TreeMap<>();
    for (ModuleDescriptor.Provides p : descriptor.provides()) {
      fromModule.put(p.service(), new HashSet<>(p.providers()));
    }
    Map<String, Set<String>> fromServices = new TreeMap<>();
    Path services = classes.resolve("META-INF/services");
    if (Files.isDirectory(services)) {
      try (var files = Files.list(services)) {
        for (Path file : files.toList()) {
          fromServices.put(file.getFileName().toString(), readProviders(file));
        }
      }
    }
    assertThat(fromServices).isEqualTo(fromModule);
    assertThat(fromModule).isNotEmpty();
  }

  private static Set<String> readProviders(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(line -> line.replaceAll("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toSet());
  }
}

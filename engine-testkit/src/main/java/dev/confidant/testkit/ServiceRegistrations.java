package dev.confidant.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that a module registers its providers the same way for module-path and class-path users:
 * {@code provides} in {@code module-info} is the source of truth, and {@code META-INF/services} must list exactly
 * the same providers. Every module with providers runs it from a test:
 * {@snippet class=dev.confidant.testkit.TestkitSnippets region=service-registrations}
 * Stateless and thread-safe.
 */
public final class ServiceRegistrations {
  private ServiceRegistrations() {}

  /**
   * Fails unless the compiled {@code module-info.class} under {@code classes} provides at least one service and
   * {@code META-INF/services} there lists the same providers for the same services.
   *
   * @param classes a module's compiled classes ({@code target/classes})
   */
  public static void assertConsistent(Path classes) {
    try {
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
        try (Stream<Path> files = Files.list(services)) {
          for (Path file : files.toList()) {
            fromServices.put(file.getFileName().toString(), providers(file));
          }
        }
      }
      assertThat(fromServices).as("META-INF/services vs module-info provides of %s", descriptor.name())
          .isEqualTo(fromModule);
      assertThat(fromModule).as("services provided by %s", descriptor.name()).isNotEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> providers(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(line -> line.replaceAll("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toSet());
  }
}

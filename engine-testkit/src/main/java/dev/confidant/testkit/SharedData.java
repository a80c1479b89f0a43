package dev.confidant.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the project's shared development material ({@code ../shared} beside the checkout: models, data sets).
 * Tests that need it skip where it is absent; nothing in it is ever copied into the project.
 */
public final class SharedData {
  private SharedData() {}

  /**
   * The shared folder: {@code $CONFIDANT_SHARED_DIR}, else the first {@code shared/} folder holding
   * {@code DESIGN.md} beside the working directory or one of its parents.
   */
  public static Optional<Path> dir() {
    String env = System.getenv("CONFIDANT_SHARED_DIR");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (@Nullable Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A path inside the shared folder, if the folder and the path exist. */
  public static Optional<Path> resolve(String relative) {
    return dir().map(d -> d.resolve(relative)).filter(Files::exists);
  }
}

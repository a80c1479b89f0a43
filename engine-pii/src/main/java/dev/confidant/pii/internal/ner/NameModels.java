package dev.confidant.pii.internal.ner;

import dev.confidant.api.EngineConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The trained name models: the tagger and the given-name list of the {@code engine-pii-models} artifact, read
 * from {@value #DIRECTORY} through engine-pii's class loader (a path outside any package, so no module
 * encapsulates it). Immutable and thread-safe.
 *
 * @param tagger the name tagger
 * @param firstNames given names that open a person's name ("Anna" in "Anna Weber"), case-sensitive
 */
public record NameModels(Tagger tagger, Set<String> firstNames) {
  /** Where the models artifact keeps its files. */
  public static final String DIRECTORY = "META-INF/confidant/pii/";
  /** The tagger's file name. */
  public static final String TAGGER = "names.tagger";
  /** The given-name list's file name, one name a line. */
  public static final String FIRST_NAMES = "first-names.txt";

  public NameModels {
    firstNames = Set.copyOf(firstNames);
  }

  /** The same models with another tagger (decoding sweeps). */
  public NameModels withTagger(Tagger tagger) {
    return new NameModels(tagger, firstNames);
  }

  /**
   * Loads the shipped models.
   *
   * @throws EngineConfigException if the models artifact is not on the class path, or a file is unreadable
   */
  public static NameModels load() {
    return load(NameModels.class.getClassLoader());
  }

  /** Loads the models that a class loader sees. */
  static NameModels load(@Nullable ClassLoader loader) {
    try (InputStream tagger = open(loader, TAGGER); InputStream names = open(loader, FIRST_NAMES)) {
      return new NameModels(Tagger.read(tagger), Set.copyOf(new String(names.readAllBytes(),
          StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()));
    } catch (IOException e) {
      throw new EngineConfigException("cannot read the name models in " + DIRECTORY + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(@Nullable ClassLoader loader, String file) {
    InputStream in = loader == null ? null : loader.getResourceAsStream(DIRECTORY + file);
    if (in == null) {
      throw new EngineConfigException("name model " + DIRECTORY + file + " not found: add the artifact "
          + "dev.confidant:engine-pii-models to the class path (on the module path also --add-modules "
          + "dev.confidant.pii.models), or turn the name model off with PiiOptions.withNameModel(false)");
    }
    return in;
  }

  /** Sizes only: the models are large and their content is not for logs. */
  @Override
  public String toString() {
    return "NameModels[" + firstNames.size() + " first names]";
  }
}

package dev.confidant.pii.internal.ner;

import dev.confidant.api.EngineConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Given names learnt from the name model's training part ({@value #RESOURCE}): words that open a person's name
 * of two or more words often enough, so that words that more often name places or organisations ("Victoria",
 * "Santa") stay out. Written by {@code dev.confidant.tools.pii.train.FirstNamesTrainer} (module README).
 */
public final class FirstNames {
  /** Class-path location of the list, one name a line, sorted. */
  public static final String RESOURCE = "/dev/confidant/pii/internal/ner/first-names.txt";

  private FirstNames() {}

  /** The shipped list. */
  static Set<String> load() {
    try (InputStream in = FirstNames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new EngineConfigException("first-name list " + RESOURCE + " missing from engine-pii");
      }
      return Set.copyOf(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList());
    } catch (IOException e) {
      throw new EngineConfigException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}

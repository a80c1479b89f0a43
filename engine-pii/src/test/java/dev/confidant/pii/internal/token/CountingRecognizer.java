package dev.confidant.pii.internal.token;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.Recognizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A recognizer that records the texts it is asked about and reports what its finder returns. Thread-safe. */
public final class CountingRecognizer implements Recognizer {
  /** The texts asked about, in order. */
  public final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final Function<String, List<PiiEntity>> finder;

  /** One that finds nothing itself. */
  public CountingRecognizer() {
    this(text -> List.of());
  }

  public CountingRecognizer(Function<String, List<PiiEntity>> finder) {
    this.finder = finder;
  }

  @Override
  public String name() {
    return "counting";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PERSON);
  }

  @Override
  public List<PiiEntity> recognize(String text) {
    seen.add(text);
    return finder.apply(text);
  }
}

package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.spi.Recognizer;
import java.util.List;

/**
 * A built-in recognizer that reads the {@link Scan} the {@link Analyzer} makes once per text (digits, word starts,
 * lower-cased cue words) instead of scanning the text again. Called alone, it scans the text itself.
 */
interface ScanRecognizer extends Recognizer {

  /** What {@link #recognize(String)} finds, read from the text's shared scan. */
  List<PiiEntity> recognize(Scan scan);

  @Override
  default List<PiiEntity> recognize(String text) {
    return recognize(new Scan(text));
  }
}

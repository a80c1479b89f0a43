package dev.confidant.pii;

import static java.util.Objects.requireNonNull;

import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.Analyzer;
import dev.confidant.pii.internal.token.Detokenizer;
import dev.confidant.pii.internal.token.Pseudonymizer;
import dev.confidant.pii.spi.VaultKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Detects and pseudonymizes personal data in texts, with the semantics of the platform's
 * {@code POST /v1/pii/detect}; also restores placeholders. Thread-safe: create once (loading the name model
 * takes a moment) and share; {@link #detect} may run on many threads at once.
 *
 * {@snippet :
 * PiiDetector detector = PiiDetector.create(PiiOptions.defaults());
 * DetectResult r = detector.detect(DetectRequest.of("Mail Anna Weber at anna@example.org"));
 * r.redactedText();   // "Mail [NAME_1] at [EMAIL_1]"
 * r.piiMapping();     // {[NAME_1]=Anna Weber, [EMAIL_1]=anna@example.org}
 * detector.restore("Dear [NAME_1]", r.piiMapping());  // "Dear Anna Weber"
 * }
 */
public final class PiiDetector {
  /** Below this many texts, forking costs more than it saves. */
  private static final int PARALLEL_THRESHOLD = 64;
  private final PiiOptions options;
  private final Pseudonymizer pseudonymizer;

  private PiiDetector(PiiOptions options) {
    this.options = options;
    this.pseudonymizer = new Pseudonymizer(Analyzer.of(options));
  }

  /**
   * A detector with these options.
   *
   * @throws dev.confidant.api.EngineConfigException if the name model cannot be loaded
   */
  public static PiiDetector create(PiiOptions options) {
    return new PiiDetector(requireNonNull(options, "options"));
  }

  /**
   * Detects and masks one text. With a thread id, the thread's vault mapping is used and new entries are stored.
   *
   * @throws java.io.UncheckedIOException if a file-based vault cannot be read or written
   */
  public DetectResult detect(DetectRequest request) {
    Mapping mapping = new Mapping(options.placeholderStyle());
    mapping.seed(request.existingMapping());
    Optional<VaultKey> key = Optional.ofNullable(request.threadId()).filter(t -> !t.isEmpty())
        .map(t -> new VaultKey(request.spaceId() == null ? "" : request.spaceId(), t));
    key.map(options.vault()::load).ifPresent(mapping::seed);
    Pseudonymizer.Masked masked = pseudonymizer.mask(request.text(), mapping, request.includeOii());
    key.ifPresent(k -> options.vault().merge(k, mapping.added()));
    return new DetectResult(masked.text(), mapping.asMap(), masked.entities());
  }

  /**
   * Detects many texts independently (each with its own mapping), results in input order. Large batches run
   * on the common fork-join pool; requests sharing a thread id are not ordered against each other then, so
   * send those one by one with {@link #detect} when their order matters.
   */
  public List<DetectResult> detectAll(List<DetectRequest> requests) {
    if (requests.size() < PARALLEL_THRESHOLD) {
      List<DetectResult> out = new ArrayList<>(requests.size());
      for (DetectRequest r : requests) {
        out.add(detect(r));
      }
      return out;
    }
    return requests.parallelStream().map(this::detect).toList();
  }

  /**
   * Replaces placeholders by their values in one linear pass; tolerant of {@code [Name_1]}, {@code NAME_1},
   * {@code [NAME 1]} and {@code <NAME_1>}; unknown placeholders stay.
   *
   * @param mapping placeholder to value, as returned in {@link DetectResult#piiMapping()}
   */
  public String restore(String text, Map<String, String> mapping) {
    Mapping m = new Mapping(options.placeholderStyle());
    m.seed(mapping);
    return Detokenizer.detokenize(text, m::valueOfCanonical);
  }

  /** The options. */
  public PiiOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "PiiDetector[" + options.placeholderStyle() + "]";
  }
}

package dev.confidant.otel.internal;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.confidant.api.FinishReason;
import dev.confidant.pii.EntityType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What every call's spans share, made once per tracing instead of once per span: the tracer, whether stages get
 * spans, the attribute keys (OpenTelemetry GenAI conventions and Confidant's own), the finish-reason lists and the
 * span names of stages and models. The name caches hold at most {@value #MAX_NAMES} names each (model ids come from
 * requests); past that a name is built per span. Thread-safe.
 *
 * @implNote The GenAI keys are declared here, not taken from {@code opentelemetry-semconv-incubating}: the GenAI
 *     conventions are incubating, that artifact may break them in a minor release, and OpenTelemetry recommends that
 *     instrumentation libraries copy incubating definitions instead of depending on it at run time.
 */
public final class SpanNames {
  /** Bound of each span-name cache. */
  static final int MAX_NAMES = 256;

  static final String REQUEST = "confidant.request";
  static final String CHAT = "chat";
  static final AttributeKey<String> OPERATION = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
  static final AttributeKey<Double> TEMPERATURE = doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> TOP_P = doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Long> MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  static final AttributeKey<String> PHASE = stringKey("confidant.stage.phase");
  static final AttributeKey<String> SPACE = stringKey("confidant.space.id");
  static final AttributeKey<Long> PII_MASKED = longKey("confidant.pii.masked");
  static final AttributeKey<Long> PII_CREATED = longKey("confidant.pii.placeholders.created");
  static final AttributeKey<Long> PII_LEFT = longKey("confidant.pii.left");

  private static final Map<EntityType, AttributeKey<Long>> MASKED = new EnumMap<>(EntityType.class);
  private static final Map<FinishReason, List<String>> REASONS = new EnumMap<>(FinishReason.class);

  static {
    for (EntityType type : EntityType.values()) {
      MASKED.put(type, longKey("confidant.pii.masked." + type.tag()));
    }
    for (FinishReason reason : FinishReason.values()) {
      REASONS.put(reason, List.of(reason.wireName()));
    }
  }

  private final Tracer tracer;
  private final boolean stageSpans;
  private final Map<String, String> stages = new ConcurrentHashMap<>();
  private final Map<String, String> models = new ConcurrentHashMap<>();

  public SpanNames(Tracer tracer, boolean stageSpans) {
    this.tracer = tracer;
    this.stageSpans = stageSpans;
  }

  public Tracer tracer() {
    return tracer;
  }

  /** Whether each stage gets a span of its own. */
  public boolean stageSpans() {
    return stageSpans;
  }

  /** {@code confidant.stage <name>}. */
  String stage(String stage) {
    return cached(stages, stage, "confidant.stage ");
  }

  /** {@code chat <model>}: the GenAI span name of a model call. */
  String modelCall(@Nullable String model) {
    return model == null ? CHAT : cached(models, model, "chat ");
  }

  /** The attribute {@code confidant.pii.masked.<TAG>}. */
  static AttributeKey<Long> masked(EntityType type) {
    return MASKED.get(type);
  }

  /** {@code gen_ai.response.finish_reasons} of one choice. */
  static List<String> finishReasons(FinishReason reason) {
    return REASONS.get(reason);
  }

  private static String cached(Map<String, String> cache, String key, String prefix) {
    String name = cache.get(key);
    if (name == null) {
      name = prefix + key;
      if (cache.size() < MAX_NAMES) {
        cache.putIfAbsent(key, name);
      }
    }
    return name;
  }
}

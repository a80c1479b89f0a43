package dev.confidant.core.internal.tools;

import dev.confidant.api.RawJson;
import dev.confidant.api.spi.EngineOption;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.core.ToolOptions;
import dev.confidant.core.internal.pipeline.SimpleEngineContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Server tools and stages for the tool-loop tests. */
final class ToolFixtures {
  static final RawJson CITY_SCHEMA = RawJson.of("""
      {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1}},\
      "required":["city"],"additionalProperties":false}""");

  private ToolFixtures() {}

  /** A weather tool answering "<city>: sunny". */
  static ToolProvider weather() {
    return ToolProvider.of("weather", "Current weather of a city.", CITY_SCHEMA,
        (arguments, context) -> arguments.replaceAll(".*\"city\"\\s*:\\s*\"([^\"]*)\".*", "$1") + ": sunny");
  }

  /** A stage with these tools and options. */
  static PipelineStage stage(List<ToolProvider> tools, Map<EngineOption<?>, Object> options) {
    Map<EngineOption<?>, Object> all = new HashMap<>(options);
    all.put(ServerTools.KEY, ServerTools.of(tools));
    return new ToolLoopStageProvider().create(new SimpleEngineContext(all));
  }

  /** A stage with these tools and a short call timeout. */
  static PipelineStage stage(ToolProvider... tools) {
    return stage(List.of(tools), Map.of(ToolOptions.CALL_TIMEOUT, Duration.ofSeconds(5)));
  }
}

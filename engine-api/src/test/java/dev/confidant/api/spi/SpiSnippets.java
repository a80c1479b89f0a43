package dev.confidant.api.spi;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class SpiSnippets {
  private SpiSnippets() {}

  // @start region="audit-stage"
  public static final class AuditStageProvider implements PipelineStageProvider {
    @Override
    public String name() {
      return "audit";
    }

    @Override
    public Phase phase() {
      return Phase.AUTHORIZE;
    }

    @Override
    public PipelineStage create(EngineContext context) {
      return chain -> {
        System.out.println("request by " + chain.context().request().principal());
        return chain.proceed(chain.request());
      };
    }
  }
  // @end

  static CompletionStream chain(PipelineStage auditStage, ChatCompletionRequest request, ModelBackend backend) {
    // @start region="stage-chain"
    CompletionStream stream = StageChain.run(List.of(new StageChain.Link("audit", Phase.AUGMENT, auditStage)),
        request, new StageContext(RequestContext.anonymous()), backend::stream);
    // @end
    return stream;
  }

  static EngineListener.Factory usagePrinter() {
    // @start region="listener"
    EngineListener.Factory usagePrinter = context -> new EngineListener() {
      @Override
      public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
        System.out.println(context.request().principal() + " used " + usage);
      }
    };
    // ChatEngines.builder().addListener(usagePrinter).build()
    // @end
    return usagePrinter;
  }

  interface WeatherService {
    String lookup(String argumentsJson);
  }

  static ToolProvider weather(WeatherService weatherService) {
    // @start region="server-tool"
    ToolProvider weather = ToolProvider.of("weather", "Current weather of a city.",
        RawJson.of("""
            {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
        (arguments, context) -> weatherService.lookup(arguments));
    // @end
    return weather;
  }
}

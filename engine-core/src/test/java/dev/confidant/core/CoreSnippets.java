package dev.confidant.core;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.spi.PipelineStage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class CoreSnippets {
  private CoreSnippets() {}

  static void build() {
    // @start region="build"
    try (ChatCompletionEngine engine = ChatEngines.builder()
        .option(ToolOptions.MAX_ROUNDS, 4)
        .removeStage("retrieval")
        .build()) {
      // engine.complete(...)
    }
    // @end
  }

  static void options(ChatEngines.Builder builder) {
    // @start region="max-repairs"
    builder.option(ResponseFormatOptions.MAX_REPAIRS, 1);   // one second chance, then MODEL_OUTPUT_INVALID
    // @end
    // @start region="tool-options"
    builder.option(ToolOptions.CALL_TIMEOUT, Duration.ofSeconds(5))
        .option(ToolOptions.MAX_ROUNDS, 4)
        .accessPolicy(AccessPolicy.OPEN.withTools(
            ToolOptions.Access.ALL.withSpace("space_abc123", Set.of("knowledge_search"))));
    // @end
  }

  static void remote() {
    // @start region="remote"
    ChatEngines.builder()
        .option(RemoteModelOptions.TIMEOUTS, ModelTimeouts.DEFAULT.withFirstToken(Duration.ofSeconds(20)))
        .build();
    // @end
  }

  static AccessPolicy accessPolicy() {
    // @start region="access-policy"
    AccessPolicy policy = AccessPolicy.of(List.of(
        AccessPolicy.Space.of("support", Map.of("ada", SpaceRole.ADMIN, "bob", SpaceRole.VIEWER)),
        AccessPolicy.Space.of("research", Map.of("ada", SpaceRole.EDITOR)).withCustomModelEndpoints(true)))
        .withTools(ToolOptions.Access.NONE_BY_DEFAULT.withSpace("research", Set.of("knowledge_search")));
    ChatEngines.builder().accessPolicy(policy);
    // @end
    return policy;
  }

  static PipelineStage routeReader() {
    return chain -> {
      // @start region="route"
      Route route = chain.context().get(Route.KEY).orElseThrow();
      Integer window = route.model().contextWindow(); // e.g. to size what a stage adds to the prompt
      // @end
      return chain.proceed(chain.request());
    };
  }
}

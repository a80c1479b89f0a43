package dev.confidant.jlama;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.core.ChatEngines;
import java.nio.file.Path;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class JlamaSnippets {
  private JlamaSnippets() {}

  static void engine() {
    // @start region="engine"
    try (ChatCompletionEngine engine = ChatEngines.builder()
        .option(JlamaOptions.MODEL_DIR, Path.of("/models/Llama-3.2-1B-Instruct"))   // omit: the tiny model
        .build()) {
      // engine.complete(...)
    }
    // @end
  }

  static void options(ChatEngines.Builder builder, Path cacheDir) {
    // @start region="model-dir"
    builder.option(JlamaOptions.MODEL_DIR, Path.of("/models/Llama-3.2-1B-Instruct"));
    // @end
    // @start region="context-window"
    int window = JlamaModels.contextWindow(null).orElseThrow();   // the embedded tiny model: 4096
    // @end
    // @start region="tiny-model"
    Path model = TinyModels.ensure(cacheDir);   // generated once, then reused
    builder.option(JlamaOptions.MODEL_DIR, model);
    // @end
    System.out.println(window);
  }
}

package dev.confidant.spring;

import org.springframework.context.annotation.Bean;

/**
 * The code samples of this module's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. Not a
 * {@code @Configuration}, so that no test's application context picks its beans up.
 */
final class SpringSnippets {
  // @start region="customizer"
  @Bean
  EngineCustomizer noRetrieval() {
    return builder -> builder.removeStage("retrieval");
  }
  // @end
}

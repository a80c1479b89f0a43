/**
 * LangChain4j both ways: any LangChain4j chat model as a Confidant model backend (the {@code ollama} backend through
 * langchain4j-ollama, and whatever model a user passes: Anthropic, Gemini, Azure, Bedrock, Mistral, ...), and a
 * Confidant engine as a LangChain4j {@code ChatModel} / {@code StreamingChatModel}, so that AiServices, memory and
 * guardrails run on top of pseudonymization and retrieval.
 */
module dev.confidant.langchain4j {
  requires transitive dev.confidant.core;
  requires static org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires org.slf4j;
  // LangChain4j: automatic modules, upstream has no module-info. Its types are in this module's API.
  requires transitive langchain4j.core;
  requires transitive langchain4j.http.client;
  requires langchain4j.ollama;

  exports dev.confidant.langchain4j;

  provides dev.confidant.api.spi.ModelBackendProvider with dev.confidant.langchain4j.internal.OllamaBackendProvider;
}

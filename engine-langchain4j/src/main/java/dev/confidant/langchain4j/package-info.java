/**
 * LangChain4j both ways.
 *
 * <p><b>A LangChain4j model as a backend.</b> {@link dev.confidant.langchain4j.LangChain4jBackends} turns any
 * LangChain4j {@code StreamingChatModel} or {@code ChatModel} (Anthropic, Gemini, Azure, Bedrock, Mistral, …) into
 * a model backend; the {@code ollama} backend, configured by {@link dev.confidant.langchain4j.OllamaOptions}, is
 * discovered with {@link java.util.ServiceLoader} and talks to Ollama's {@code /api/chat} through
 * langchain4j-ollama.
 *
 * <p><b>The engine as a LangChain4j model.</b> {@link dev.confidant.langchain4j.ConfidantChatModel} and
 * {@link dev.confidant.langchain4j.ConfidantStreamingChatModel} implement LangChain4j's {@code ChatModel} and
 * {@code StreamingChatModel} over an in-process engine, so that {@code AiServices}, chat memory, tools and
 * guardrails run on top of pseudonymization and retrieval:
 * {@snippet class=dev.confidant.langchain4j.Lc4jSnippets region=ai-service}
 * ChatModel model = ConfidantChatModel.builder(engine)
 *     .context(RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON))
 *     .build();
 * Support support = AiServices.builder(Support.class).chatModel(model).tools(new OrderTools()).build();
 * }
 * The README's example (compiled and run by {@code ReadmeExampleTest}) shows the whole round trip.
 */
@NullMarked
package dev.confidant.langchain4j;

import org.jspecify.annotations.NullMarked;

package dev.confidant.api;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class ApiSnippets {
  private ApiSnippets() {}

  /** An option as a feature module declares it next to the code that reads it (engine-pii's Pseudonymization). */
  record Tone(String name) {
    static final RequestContext.Option<Tone> KEY = new RequestContext.Option<>("example.tone", Tone.class);
    static final Tone PLAIN = new Tone("plain");

    static Tone of(RequestContext context) {
      return context.option(KEY).orElse(PLAIN);
    }
  }

  static Tone context() {
    // @start region="context"
    RequestContext context = RequestContext.of("alice", "support")
        .withThreadId("t-42")
        .with(Tone.KEY, new Tone("formal")); // an option its module declares, as engine-pii does Pseudonymization
    Tone tone = Tone.of(context);            // the option's owner reads it, with its default
    // @end
    return tone;
  }

  static void complete(ChatCompletionEngine engine) {
    // @start region="complete"
    ChatCompletionRequest request = ChatCompletionRequest.of(null,   // null: the engine's default model
        new SystemMessage("You are a helpful support assistant."),
        new UserMessage("My name is John Doe and I need help with my account."));
    ChatCompletionResponse response = engine.complete(request);
    System.out.println(response.message().text());
    // @end
  }

  static void stream(ChatCompletionEngine engine, ChatCompletionRequest request) {
    // @start region="stream"
    try (CompletionStream stream = engine.stream(request)) {
      for (ChatCompletionChunk chunk : stream) {
        chunk.choices().forEach(c -> System.out.print(c.delta().content()));
      }
    }
    // @end
  }
}

package dev.confidant.server.cli;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Sampling;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.jlama.JlamaOptions;
import dev.confidant.core.json.ChatJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code confidant chat "message"}: one chat completion on the in-process engine. */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
        "Sends one user message and prints the chat.completion JSON (or, with --stream, the text as it is generated).",
        "Without --model-dir (or CONFIDANT_MODEL_DIR) the embedded tiny model answers: it is random, so its text is "
            + "gibberish, but it is real Jlama inference."
    })
final class ChatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MESSAGE", description = "The user message.")
  String message;

  @Option(names = {"-s", "--system"}, paramLabel = "TEXT", description = "A system message.")
  @Nullable String system;

  @Option(names = "--model-dir", paramLabel = "DIR",
      description = "A model directory in Hugging Face layout (config.json, tokenizer.json, model.safetensors). "
          + "Default: $CONFIDANT_MODEL_DIR, else the embedded tiny model.")
  @Nullable Path modelDir;

  @Option(names = {"-m", "--model"}, paramLabel = "ID", description = "The model id reported in the response.")
  @Nullable String model;

  @Option(names = {"-t", "--temperature"}, description = "Sampling temperature, 0..2 (0 = greedy).")
  @Nullable Double temperature;

  @Option(names = "--top-p", description = "Nucleus sampling, 0..1.")
  @Nullable Double topP;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Maximum number of generated tokens.")
  @Nullable Integer maxTokens;

  @Option(names = "--seed", description = "Seed for repeatable sampling.")
  @Nullable Long seed;

  @Option(names = "--stop", paramLabel = "TEXT", description = "A stop sequence (repeatable, at most 4).")
  List<String> stop = new ArrayList<>();

  @Option(names = "--stream", description = "Print the text as it is generated instead of the JSON.")
  boolean stream;

  @Override
  public Integer call() {
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(new SystemMessage(system));
    }
    messages.add(new UserMessage(message));
    Sampling sampling = new Sampling(temperature, topP, maxTokens, null, stop, seed, null, null, null);
    ChatCompletionRequest request = ChatCompletionRequest.of(model).withMessages(messages).withSampling(sampling);

    ChatEngines.Builder builder = ChatEngines.builder();
    Path dir = modelDir != null ? modelDir : ConfidantCli.modelDir(System.getenv());
    if (dir != null) {
      builder.option(JlamaOptions.MODEL_DIR, dir);
      if (model == null && dir.getFileName() != null) {
        request = request.withModel(dir.getFileName().toString()); // report the model that answered
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ChatCompletionEngine engine = builder.build()) {
      if (stream) {
        try (CompletionStream chunks = engine.stream(request)) {
          for (ChatCompletionChunk chunk : chunks) {
            for (ChunkChoice choice : chunk.choices()) {
              if (choice.delta().content() != null) {
                out.print(choice.delta().content());
                out.flush();
              }
            }
          }
        }
        out.println();
      } else {
        ChatCompletionResponse response = engine.complete(request);
        out.println(ChatJson.writeResponse(response));
      }
    }
    out.flush();
    return 0;
  }
}

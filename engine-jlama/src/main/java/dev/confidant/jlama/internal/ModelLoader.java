package dev.confidant.jlama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.DType;
import dev.confidant.api.EngineConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Hugging Face-layout model directory with Jlama, turning every way it can fail into an
 * {@link EngineConfigException} that names what is missing and how to fix it. Stateless.
 */
final class ModelLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOW_TO_FIX = "set JlamaOptions.MODEL_DIR (the command line reads CONFIDANT_MODEL_DIR) "
      + "to a Hugging Face-layout model directory with config.json, tokenizer.json and model.safetensors, "
      + "or leave it unset to use the generated tiny model";

  private ModelLoader() {}

  /**
   * Loads the model in {@code dir}.
   *
   * @throws EngineConfigException if the directory is missing, incomplete, of an unsupported architecture, or
   *     Jlama cannot load it
   */
  static LoadedModel load(Path dir) {
    Path absolute = dir.toAbsolutePath();
    if (!Files.isDirectory(absolute)) {
      throw new EngineConfigException("Jlama model directory '" + absolute + "' does not exist or is not a "
          + "directory; " + HOW_TO_FIX);
    }
    List<String> missing = new ArrayList<>();
    for (String file : List.of("config.json", "tokenizer.json")) {
      if (!Files.isRegularFile(absolute.resolve(file))) {
        missing.add(file);
      }
    }
    if (!Files.isRegularFile(absolute.resolve("model.safetensors"))
        && !Files.isRegularFile(absolute.resolve("model.safetensors.index.json"))) {
      missing.add("model.safetensors (or model.safetensors.index.json with its shards)");
    }
    if (!missing.isEmpty()) {
      throw new EngineConfigException("Jlama model directory '" + absolute + "' lacks " + String.join(", ", missing)
          + " (GGUF files are not supported); " + HOW_TO_FIX);
    }
    JsonNode config = readConfig(absolute);
    long started = System.nanoTime();
    AbstractModel model = loadWithJlama(absolute);
    try {
      Config c = model.getConfig();
      JsonNode tokenizer = JSON.readTree(absolute.resolve("tokenizer.json").toFile());
      JsonNode tokenizerConfig = readOptional(absolute.resolve("tokenizer_config.json"));
      TokenTexts texts = TokenTexts.of(tokenizer, c.vocabularySize);
      // Only where Jlama's own LlamaTokenizer would encode (other classes remap bytes in their own ways).
      SentencePieceBpe fast = model.getTokenizer().getClass() == LlamaTokenizer.class
          ? SentencePieceBpe.of(tokenizer, tokenizerConfig).orElse(null)
          : null;
      LoadedModel.Tokens tokens = new LoadedModel.Tokens(texts, fast, eosTokens(c, texts, tokenizerConfig));
      LoadedModel loaded = new LoadedModel(model, name(absolute), tokens, maxPositions(c, config));
      LOG.info("Loaded Jlama model '{}' ({}, {} layers, vocabulary {}, {} usable positions, {} encoder) in {} ms",
          loaded.name(), config.path("model_type").asText(), c.numberOfLayers, c.vocabularySize,
          loaded.maxPositions(), fast != null ? "fast" : "Jlama's", (System.nanoTime() - started) / 1_000_000);
      return loaded;
    } catch (EngineConfigException e) {
      model.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      model.close();
      throw new EngineConfigException("cannot read the tokenizer of Jlama model '" + absolute + "': " + e.getMessage()
          + "; " + HOW_TO_FIX, e);
    }
  }

  private static JsonNode readConfig(Path dir) {
    JsonNode config;
    try {
      config = JSON.readTree(dir.resolve("config.json").toFile());
    } catch (IOException e) {
      throw new EngineConfigException("config.json of Jlama model '" + dir + "' is not valid JSON: " + e.getMessage()
          + "; " + HOW_TO_FIX, e);
    }
    String type = config.path("model_type").asText("");
    List<String> supported = Arrays.stream(ModelSupport.ModelType.values())
        .map(t -> t.name().toLowerCase(Locale.ROOT)).filter(t -> !t.equals("bert")).toList();
    if (!supported.contains(type)) {
      throw new EngineConfigException("Jlama model '" + dir + "' has model_type '" + type + "', which Jlama cannot "
          + "generate text with; supported: " + supported + "; " + HOW_TO_FIX);
    }
    return config;
  }

  private static AbstractModel loadWithJlama(Path dir) {
    try {
      // The model directory doubles as Jlama's working directory: Jlama writes there only for file-backed KV
      // caches, which we never use; passing null would make it create a temporary directory per load.
      return ModelSupport.loadModel(dir.toFile(), dir.toFile(), DType.F32, DType.F32, Optional.empty(),
          Optional.empty());
    } catch (NoClassDefFoundError e) {
      if (String.valueOf(e.getMessage()).contains("jdk/incubator/vector")) {
        throw new EngineConfigException("Jlama needs the incubating Vector API: start the JVM with "
            + "--add-modules jdk.incubator.vector", e);
      }
      throw new EngineConfigException("cannot load Jlama model '" + dir + "': " + e, e);
    } catch (RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new EngineConfigException("cannot load Jlama model '" + dir + "': " + cause + "; " + HOW_TO_FIX, e);
    }
  }

  private static JsonNode readOptional(Path file) throws IOException {
    return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
  }

  private static int[] eosTokens(Config c, TokenTexts texts, JsonNode tokenizerConfig) {
    IntStream ids = c.eosTokens == null ? IntStream.empty() : c.eosTokens.stream().mapToInt(Integer::intValue);
    JsonNode eos = tokenizerConfig.path("eos_token");
    // eos_token is a string or an AddedToken object with "content".
    String piece = eos.isObject() ? eos.path("content").asText("") : eos.asText("");
    if (!piece.isEmpty() && texts.id(piece).isPresent()) {
      ids = IntStream.concat(ids, IntStream.of(texts.id(piece).getAsInt()));
    }
    return ids.distinct().toArray();
  }

  /** See {@link ContextWindows}: below the context by Jlama's RoPE margin, and at most the trained positions. */
  private static int maxPositions(Config c, JsonNode config) {
    int bound = ContextWindows.usable(c.contextLength, c.numberOfHeads, config);
    if (bound < 2) {
      throw new EngineConfigException("Jlama model context of " + c.contextLength + " positions is too short: "
          + "Jlama needs 2 x heads (" + 2 * c.numberOfHeads + ") positions of margin; raise "
          + "max_position_embeddings in config.json");
    }
    return bound;
  }

  private static String name(Path dir) {
    Path fileName = dir.getFileName();
    return fileName == null ? dir.toString() : fileName.toString();
  }
}

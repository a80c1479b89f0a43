package dev.confidant.jlama.internal.tiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON files of the tiny model: {@code config.json}, {@code tokenizer.json} and {@code tokenizer_config.json}.
 * Nodes are built in a fixed order and printed with Jackson's default pretty printer, so the bytes never depend
 * on hash order. Stateless.
 */
final class TokenizerFiles {

  /**
   * A plain "Role: text" chat template: turns end with {@code </s>}, and the prompt ends with {@code Assistant:}
   * so the reply's first token carries the space that the tokenizer's decoder strips.
   */
  static final String CHAT_TEMPLATE = """
      {%- for message in messages -%}
      {%- if message.role == 'system' -%}{{ 'System: ' + message.content + '\\n' }}
      {%- elif message.role == 'user' -%}{{ 'User: ' + message.content + '\\n' }}
      {%- elif message.role == 'assistant' -%}{{ 'Assistant: ' + message.content + eos_token + '\\n' }}
      {%- endif -%}
      {%- endfor -%}
      {%- if add_generation_prompt -%}{{ 'Assistant:' }}{%- endif -%}
      """;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenizerFiles() {}

  /** Hugging Face {@code config.json} of a Llama model. */
  static byte[] config(TinyModelSpec spec) {
    ObjectNode c = NODES.objectNode();
    c.putArray("architectures").add("LlamaForCausalLM");
    c.put("model_type", "llama");
    c.put("hidden_size", spec.hiddenSize());
    c.put("intermediate_size", spec.intermediateSize());
    c.put("num_hidden_layers", spec.layers());
    c.put("num_attention_heads", spec.heads());
    c.put("num_key_value_heads", spec.kvHeads());
    c.put("max_position_embeddings", spec.contextLength() + spec.ropeHeadroom());
    // Not a transformers field: tells Confidant's loader how many positions are really usable.
    c.put("trained_max_position_embeddings", spec.contextLength());
    c.put("rms_norm_eps", 1e-5);
    c.put("vocab_size", spec.vocabSize());
    c.put("bos_token_id", 1);
    c.put("eos_token_id", 2);
    c.put("hidden_act", "silu");
    c.put("rope_theta", 10000.0);
    c.put("tie_word_embeddings", false);
    c.put("torch_dtype", "float32");
    return write(c);
  }

  /** {@code tokenizer_config.json} with the chat template and the special tokens. */
  static byte[] tokenizerConfig(TinyModelSpec spec) {
    ObjectNode c = NODES.objectNode();
    c.put("add_bos_token", true);
    c.put("add_eos_token", false);
    c.put("bos_token", "<s>");
    c.put("eos_token", "</s>");
    c.put("unk_token", "<unk>");
    c.put("legacy", false);
    c.put("model_max_length", spec.contextLength());
    c.put("tokenizer_class", "LlamaTokenizer");
    c.put("clean_up_tokenization_spaces", false);
    c.put("chat_template", CHAT_TEMPLATE);
    return write(c);
  }

  /** {@code tokenizer.json}: a byte-fallback BPE model with a SentencePiece-style normalizer and decoder. */
  static byte[] tokenizer(BpeTrainer.Vocabulary vocabulary) {
    ObjectNode t = NODES.objectNode();
    t.put("version", "1.0");
    t.putNull("truncation");
    t.putNull("padding");
    ArrayNode added = t.putArray("added_tokens");
    List<String> specials = BpeTrainer.SPECIAL_TOKENS;
    for (int id = 0; id < specials.size(); id++) {
      added.addObject().put("id", id).put("content", specials.get(id)).put("single_word", false)
          .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
    }
    ArrayNode normalizers = t.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
    normalizers.addObject().put("type", "Prepend").put("prepend", BpeTrainer.SPACE);
    replace(normalizers.addObject(), " ", BpeTrainer.SPACE);
    t.putNull("pre_tokenizer");
    ObjectNode post = t.putObject("post_processor").put("type", "TemplateProcessing");
    post.putArray("single").add(specialRef("<s>", 0)).add(sequenceRef("A", 0));
    post.putArray("pair").add(specialRef("<s>", 0)).add(sequenceRef("A", 0))
        .add(specialRef("<s>", 1)).add(sequenceRef("B", 1));
    ObjectNode bos = post.putObject("special_tokens").putObject("<s>").put("id", "<s>");
    bos.putArray("ids").add(1);
    bos.putArray("tokens").add("<s>");
    ArrayNode decoders = t.putObject("decoder").put("type", "Sequence").putArray("decoders");
    replace(decoders.addObject(), BpeTrainer.SPACE, " ");
    decoders.addObject().put("type", "ByteFallback");
    decoders.addObject().put("type", "Fuse");
    decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
    ObjectNode model = t.putObject("model").put("type", "BPE").putNull("dropout").put("unk_token", "<unk>");
    model.putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
    model.put("fuse_unk", true).put("byte_fallback", true).put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    List<String> pieces = vocabulary.pieces();
    for (int id = 0; id < pieces.size(); id++) {
      vocab.put(pieces.get(id), id);
    }
    ArrayNode merges = model.putArray("merges");
    vocabulary.merges().forEach(merges::add);
    return write(t);
  }

  private static void replace(ObjectNode node, String from, String to) {
    node.put("type", "Replace").putObject("pattern").put("String", from);
    node.put("content", to);
  }

  private static ObjectNode specialRef(String id, int typeId) {
    ObjectNode ref = NODES.objectNode();
    ref.putObject("SpecialToken").put("id", id).put("type_id", typeId);
    return ref;
  }

  private static ObjectNode sequenceRef(String id, int typeId) {
    ObjectNode ref = NODES.objectNode();
    ref.putObject("Sequence").put("id", id).put("type_id", typeId);
    return ref;
  }

  private static byte[] write(ObjectNode node) {
    try {
      return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.jlama.internal.tiny.TinyModelGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JlamaTextDecodingTest {
  private static TokenTexts texts;

  @BeforeAll
  static void readTokenizer() throws IOException {
    Path dir = TinyModelGenerator.ensure(JlamaFixtures.CACHE);
    texts = TokenTexts.read(dir.resolve("tokenizer.json"), 512, new ObjectMapper());
  }

  @Test
  void aCharacterSplitAcrossByteTokensIsEmittedWhole() {
    ReplyDecoder decoder = new ReplyDecoder(texts);
    // "é" is C3 A9; "😀" is F0 9F 98 80: byte-fallback ids are 3 + byte.
    assertThat(decoder.accept(id("\u2581the"))).isEqualTo("the"); // the reply's leading space is stripped
    assertThat(decoder.accept(3 + 0xC3)).isEmpty();
    assertThat(decoder.accept(3 + 0xA9)).isEqualTo("\u00e9");
    assertThat(decoder.accept(3 + 0xF0)).isEmpty();
    assertThat(decoder.accept(3 + 0x9F)).isEmpty();
    assertThat(decoder.accept(3 + 0x98)).isEmpty();
    assertThat(decoder.accept(3 + 0x80)).isEqualTo("\uD83D\uDE00");
    assertThat(decoder.accept(id("\u2581the"))).isEqualTo(" the");
    assertThat(decoder.finish()).isEmpty();
  }

  @Test
  void bytesThatCannotFormACharacterBecomeReplacementCharacters() {
    ReplyDecoder decoder = new ReplyDecoder(texts);
    assertThat(decoder.accept(3 + 0xC3)).isEmpty();
    assertThat(decoder.accept(3 + 'a')).isEqualTo("\uFFFDa");
    assertThat(decoder.accept(3 + 0xE2)).isEmpty();
    assertThat(decoder.finish()).isEqualTo("\uFFFD");
  }

  @Test
  void specialTokensHaveNoText() {
    ReplyDecoder decoder = new ReplyDecoder(texts);
    assertThat(texts.isSpecial(1)).isTrue();
    assertThat(decoder.accept(1)).isEmpty();
    assertThat(decoder.accept(id("\u2581the"))).isEqualTo("the");
  }

  @Test
  void stopSequenceFilterHoldsBackOnlyWhatCouldStartAStop() {
    StopSequenceFilter filter = new StopSequenceFilter(List.of("END!", "xyz"));
    assertThat(filter.accept("hello E")).isEqualTo(new StopSequenceFilter.Result("hello ", false));
    assertThat(filter.accept("N")).isEqualTo(new StopSequenceFilter.Result("", false));
    assertThat(filter.accept("ding x")).isEqualTo(new StopSequenceFilter.Result("ENding ", false));
    assertThat(filter.accept("yEND")).isEqualTo(new StopSequenceFilter.Result("xy", false));
    assertThat(filter.accept("!?")).isEqualTo(new StopSequenceFilter.Result("", true));
  }

  @Test
  void stopSequenceFilterCutsAtTheEarliestStopAcrossPieces() {
    StopSequenceFilter filter = new StopSequenceFilter(List.of("END!", "xyz"));
    assertThat(filter.accept("abc EN")).isEqualTo(new StopSequenceFilter.Result("abc ", false));
    assertThat(filter.accept("D! and xyz")).isEqualTo(new StopSequenceFilter.Result("", true));

    StopSequenceFilter other = new StopSequenceFilter(List.of("END!", "xyz"));
    assertThat(other.accept("one xyz two END!")).isEqualTo(new StopSequenceFilter.Result("one ", true));
  }

  @Test
  void stopSequenceFilterReleasesHeldTextAtTheEnd() {
    StopSequenceFilter filter = new StopSequenceFilter(List.of("END!"));
    assertThat(filter.accept("the EN")).isEqualTo(new StopSequenceFilter.Result("the ", false));
    assertThat(filter.finish()).isEqualTo("EN");
  }

  private static int id(String piece) {
    return texts.id(piece).orElseThrow();
  }
}

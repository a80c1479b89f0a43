package dev.confidant.pii.internal.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaggerTest {
  private static final int L = Tagger.L;

  /** Exhaustive search over every label sequence the BIO constraint allows. */
  private static float best(float[] e, float[] tr, int n, int i, int previous, float sofar) {
    if (i == n) {
      return sofar;
    }
    float best = Float.NEGATIVE_INFINITY;
    for (int y = 0; y < L; y++) {
      if (Tagger.allowed(previous, y)) {
        best = Math.max(best, best(e, tr, n, i + 1, y, sofar + tr[previous * L + y] + e[i * L + y]));
      }
    }
    return best;
  }

  @Test
  void viterbiFindsTheBestAllowedSequence() {
    Random random = new Random(1);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(4);
      float[] e = new float[n * L];
      float[] tr = new float[(L + 1) * L];
      for (int i = 0; i < e.length; i++) {
        e[i] = random.nextFloat() * 10 - 5;
      }
      for (int i = 0; i < tr.length; i++) {
        tr[i] = random.nextFloat() * 10 - 5;
      }
      String[] tokens = new String[n];
      java.util.Arrays.fill(tokens, "word");
      int[] path = Tagger.viterbi(e, n, tr, tokens, null);
      float score = 0;
      int previous = L;
      for (int i = 0; i < n; i++) {
        assertThat(Tagger.allowed(previous, path[i])).as("I- label after another type or O").isTrue();
        score += tr[previous * L + path[i]] + e[i * L + path[i]];
        previous = path[i];
      }
      assertThat(score).isCloseTo(best(e, tr, n, 0, L, 0), org.assertj.core.data.Offset.offset(1e-3f));
    }
  }

  @Test
  void anInsideLabelOnlyContinuesItsOwnType() {
    assertThat(Tagger.allowed(L, 2)).isFalse(); // I-PER at the start
    assertThat(Tagger.allowed(0, 4)).isFalse(); // I-ORG after O
    assertThat(Tagger.allowed(1, 4)).isFalse(); // I-ORG after B-PER
    assertThat(Tagger.allowed(3, 4)).isTrue(); // I-ORG after B-ORG
    assertThat(Tagger.allowed(4, 4)).isTrue();
    assertThat(Tagger.allowed(6, 1)).isTrue(); // B-PER anywhere
  }

  /** A small model with given weights: feature rows of the words of {@code people} favour B-PER/I-PER. */
  private static Tagger tinyModel() {
    String[] people = {"Mara", "Lindqvist"};
    long[] features = Features.of(people, Gazetteer.EMPTY);
    long[] keys = java.util.Arrays.stream(features).distinct().sorted().toArray();
    float[] weights = new float[keys.length * L];
    for (int r = 0; r < keys.length; r++) {
      weights[r * L + 1] = 1;
      weights[r * L + 2] = 1;
    }
    return new Tagger(keys, weights, new float[(L + 1) * L], 1, new Gazetteer(new long[] {7}, new byte[] {5}));
  }

  private static byte[] written(Tagger tagger) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] keys = java.util.Arrays.stream(Features.of(new String[] {"Mara", "Lindqvist"}, Gazetteer.EMPTY))
        .distinct().sorted().toArray();
    tagger.write(bytes, keys);
    return bytes.toByteArray();
  }

  @Test
  void aModelSurvivesWritingAndReading() throws IOException {
    Tagger tiny = tinyModel();
    Tagger read = Tagger.read(new ByteArrayInputStream(written(tiny)));
    String[] sentence = "Yesterday Mara Lindqvist called".split(" ");
    assertThat(read.find(sentence)).isEqualTo(tiny.find(sentence))
        .extracting(NameSpan::type).contains(EntityType.PERSON);
    assertThat(written(read)).isEqualTo(written(tiny));
  }

  @Test
  void aTruncatedOrForeignModelIsRejectedWithAnIoException() throws IOException {
    // Cut the uncompressed model short and compress it again: a well-formed gzip stream with too few numbers.
    byte[] raw = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(written(tinyModel()))).readAllBytes();
    for (byte[] broken : List.of(java.util.Arrays.copyOf(raw, raw.length / 2), "not a model".getBytes())) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (var out = new java.util.zip.GZIPOutputStream(gz)) {
        out.write(broken);
      }
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> Tagger.read(new ByteArrayInputStream(gz.toByteArray()))).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aNameSpanNeverContainsAColonAnEmailAddressOrAUrl() {
    String[] tokens = "line 1 : mail user1@example.org or www.example.org/x and https://example.org now".split(" ");
    long[] keys = java.util.Arrays.stream(Features.of(tokens, Gazetteer.EMPTY)).distinct().sorted().toArray();
    float[] weights = new float[keys.length * L];
    for (int r = 0; r < keys.length; r++) {
      weights[r * L + 3] = 1; // every feature says organisation, and rather its continuation
      weights[r * L + 4] = 2;
    }
    Tagger everything = new Tagger(keys, weights, new float[(L + 1) * L], 1, Gazetteer.EMPTY);
    List<NameSpan> spans = everything.find(tokens);
    assertThat(spans).extracting(s -> String.join(" ", java.util.Arrays.copyOfRange(tokens, s.start(), s.end())))
        .containsExactly("line 1", "mail", "or", "and", "now");
    assertThat(Tagger.structural("Name:")).isFalse();
    assertThat(Tagger.structural("@jane")).isTrue();
    assertThat(Tagger.structural("1996-08-24")).isTrue();
    assertThat(Tagger.structural("24.08.1996")).isTrue();
    assertThat(Tagger.structural("1996")).isFalse();
    // The shipped model on engine-server's lower-case probe lines: nothing reaches into the address.
    Tagger shipped = NameModels.load().tagger();
    for (int i = 0; i < 60; i++) {
      String[] line = Tokens.of("line " + i + ": mail user" + i + "@example.org").tokens().toArray(String[]::new);
      assertThat(shipped.find(line)).allSatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(2));
    }
  }

  @Test
  void recallBiasTakesCapitalisedWordsTheModelIsUnsureOf() {
    Tagger shipped = NameModels.load().tagger();
    Tagger plain = shipped.withRecallBias(0).withPersonBias(0);
    Tagger eager = shipped.withRecallBias(100);
    int plainNames = 0;
    int eagerNames = 0;
    for (String text : List.of("Yesterday we met Zorblat Quenneville at the fair .",
        "The parcel went to Xyloquent Freight last week .", "ask Brindlecombe whether the invoice arrived .")) {
      String[] tokens = text.split(" ");
      List<NameSpan> before = plain.find(tokens);
      List<NameSpan> after = eager.find(tokens);
      for (NameSpan s : before) {
        assertThat(after).anySatisfy(t -> assertThat(t.start() < s.end() && s.start() < t.end()).isTrue());
      }
      plainNames += before.stream().mapToInt(s -> s.end() - s.start()).sum();
      eagerNames += after.stream().mapToInt(s -> s.end() - s.start()).sum();
      // Lower-case words never become names through the bias: any in a biased span was in a plain one.
      for (NameSpan s : after) {
        for (int i = s.start(); i < s.end(); i++) {
          int k = i;
          assertThat(Character.isUpperCase(tokens[k].charAt(0))
              || before.stream().anyMatch(b -> b.start() <= k && k < b.end())).isTrue();
        }
      }
    }
    assertThat(eagerNames).isGreaterThanOrEqualTo(plainNames);
  }

  @Test
  void aSentencesFirstWordBeforeAVerbGetsTheRecallBias() {
    Tagger shipped = NameModels.load().tagger();
    // Newswire names people by surname at a sentence's start; without the bias the tagger left these plain.
    for (String text : List.of("Trudeau will extend that invitation to the president .",
        "Herzl was visited by a minister .")) {
      String[] tokens = text.split(" ");
      assertThat(shipped.withRecallBias(0).withPersonBias(0).find(tokens)).isEmpty();
      assertThat(shipped.find(tokens)).anySatisfy(s -> assertThat(s.start()).isZero());
    }
    // A colon's next word is capitalised as a sentence's first: the same rule.
    assertThat(shipped.find("Jane Miller : Employees get thirty days of paid leave per year .".split(" ")))
        .noneSatisfy(s -> assertThat(s.start()).isEqualTo(3));
    // Not before a capitalised word, and never for words that are nearly always plain text.
    assertThat(shipped.find("Yesterday we went home .".split(" "))).isEmpty();
    assertThat(shipped.find("Thanks for your help !".split(" "))).isEmpty();
    // An imperative before its object is no subject.
    assertThat(shipped.find("Answer without brackets .".split(" "))).isEmpty();
  }

  @Test
  void aGermanSentencesFirstWordBeforeAGermanVerbGetsTheBias() {
    Tagger shipped = NameModels.load().tagger();
    for (String text : List.of("Brechtmann sagte , er sei zufrieden .", "Fennerich wurde 1950 geboren .")) {
      String[] tokens = text.split(" ");
      assertThat(shipped.withRecallBias(0).withPersonBias(0).find(tokens, false)).isEmpty();
      assertThat(shipped.find(tokens, false)).anySatisfy(s -> assertThat(s.start()).isZero());
    }
    // German text reads German verbs only, and a determiner is no name
    assertThat(shipped.find("Die erklärte Absicht war eine andere .".split(" "), false)).isEmpty();
  }

  @Test
  void shippedModelFindsPeopleOrganisationsAndPlacesInEnglishAndGerman() {
    Tagger shipped = NameModels.load().tagger();
    assertThat(shipped.find(Tokens.of("Yesterday Angela Merkel met executives of Siemens in Munich .").tokens()
        .toArray(String[]::new))).extracting(NameSpan::type)
        .contains(EntityType.PERSON, EntityType.LOCATION);
    assertThat(shipped.find(Tokens.of("Gestern hat Thomas Müller in Hamburg mit der Deutschen Bank gesprochen .")
        .tokens().toArray(String[]::new))).extracting(NameSpan::type)
        .contains(EntityType.PERSON, EntityType.LOCATION);
  }
}

package dev.confidant.tools.pii.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.internal.ner.NameSpan;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.tools.pii.data.Conll;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerTrainerTest {
  private static Conll.Sentence sentence(String tokens, String tags) {
    return new Conll.Sentence(List.of(tokens.split(" ")), List.of(tags.split(" ")));
  }

  private static List<Conll.Sentence> corpus() {
    List<Conll.Sentence> seed = new ArrayList<>();
    String[] people = {"Mara Lindqvist", "Tobias Brenner", "Ilse Vogt", "Kofi Mensah", "Priya Raman", "Jonas Hale"};
    String[] orgs = {"Nordwind Logistik", "Bluefin Analytics", "Helios Bank", "Tannery Works"};
    String[] places = {"Lisbon", "Graz", "Tromsø", "Leipzig", "Nairobi"};
    for (String p : people) {
      seed.add(sentence(p, "B-PER I-PER"));
    }
    for (String o : orgs) {
      seed.add(sentence(o, "B-ORG I-ORG"));
    }
    for (String l : places) {
      seed.add(sentence(l, "B-LOC"));
    }
    List<Conll.Sentence> all = new ArrayList<>(seed);
    // only the seed's names: datafaker's persons of many countries would swamp six of them
    all.addAll(TemplateSentences.generate(seed, new Random(3), 1500, 0, 0));
    return all;
  }

  @Test
  void learnsNamesFromTrainingSentencesAndGeneralisesToNewOnes() {
    Tagger tagger = TaggerTrainer.train(corpus(), 5, 1).tagger();
    // Names and a template the tagger has seen, in a combination it has not.
    List<NameSpan> spans = tagger.find("I spoke with Ilse Vogt from Helios Bank yesterday .".split(" "));
    assertThat(spans).containsExactly(
        new NameSpan(3, 5, EntityType.PERSON, spans.get(0).score()),
        new NameSpan(6, 8, EntityType.ORGANIZATION, spans.get(1).score()));
    assertThat(spans).allSatisfy(s -> assertThat(s.score()).isBetween(0.5, 1.0));
    assertThat(tagger.find("the report is ready".split(" "))).isEmpty();
  }

  @Test
  void trainingIsDeterministicAndTheModelSurvivesWritingAndReading() throws IOException {
    TaggerTrainer.Trained a = TaggerTrainer.train(corpus(), 3, 1);
    TaggerTrainer.Trained b = TaggerTrainer.train(corpus(), 3, 1);
    ByteArrayOutputStream bytesA = new ByteArrayOutputStream();
    ByteArrayOutputStream bytesB = new ByteArrayOutputStream();
    a.tagger().write(bytesA, a.keys());
    b.tagger().write(bytesB, b.keys());
    assertThat(bytesA.toByteArray()).isEqualTo(bytesB.toByteArray());
    Tagger read = Tagger.read(new ByteArrayInputStream(bytesA.toByteArray()));
    String[] sentence = "Please call Kofi Mensah tomorrow morning and ask Bluefin Analytics about Graz .".split(" ");
    // Weights are stored as half floats: the same spans, scores within rounding.
    List<NameSpan> original = a.tagger().find(sentence);
    List<NameSpan> reread = read.find(sentence);
    assertThat(reread).isNotEmpty().hasSameSizeAs(original);
    for (int i = 0; i < original.size(); i++) {
      assertThat(reread.get(i).start()).isEqualTo(original.get(i).start());
      assertThat(reread.get(i).end()).isEqualTo(original.get(i).end());
      assertThat(reread.get(i).type()).isEqualTo(original.get(i).type());
      assertThat(reread.get(i).score()).isCloseTo(original.get(i).score(), org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void pruningDropsRowsWithOnlySmallWeightsAndKeepsTheDecisions() {
    TaggerTrainer.Trained full = TaggerTrainer.train(corpus(), 3, 1, 0);
    TaggerTrainer.Trained pruned = TaggerTrainer.train(corpus(), 3, 1, 0.01f);
    assertThat(pruned.keys().length).isLessThan(full.keys().length);
    String[] sentence = "I spoke with Ilse Vogt from Helios Bank yesterday .".split(" ");
    assertThat(pruned.tagger().find(sentence)).extracting(NameSpan::type)
        .isEqualTo(full.tagger().find(sentence).stream().map(NameSpan::type).toList());
  }

  @Test
  void goldCorporaCanBeTakenMoreThanOnceAndWikiannOnce(@TempDir Path data) throws IOException {
    Files.createDirectories(data.resolve("wikiann/en"));
    Files.writeString(data.resolve("wikiann/en/train"), "en:Anna B-PER\nen:Weber I-PER\n\nen:Graz B-LOC\n");
    Files.createDirectories(data.resolve("wnut17"));
    Files.writeString(data.resolve("wnut17/wnut17train.conll"), "met\tO\nKofi\tB-person\n");
    List<Conll.Sentence> once = TaggerTrainer.trainingData(data, 0, 0, 1);
    List<Conll.Sentence> thrice = TaggerTrainer.trainingData(data, 0, 0, 3);
    assertThat(once).hasSize(3);
    assertThat(thrice).hasSize(5);
    assertThat(thrice.subList(2, 5)).allSatisfy(s -> assertThat(s.tokens()).containsExactly("met", "Kofi"));
  }

  @Test
  void rareWordsOfAPlainClusterAreMarkedPlain() {
    // "Tisch", "Stuhl" (seen in the data, always plain) and "Schrank" (never seen) share cluster 5; "Okafor" (never
    // seen) is in cluster 9 with "Mensah", a name
    String[] words = {"tisch", "stuhl", "schrank", "okafor", "mensah"};
    long[] keys = java.util.Arrays.stream(words).mapToLong(dev.confidant.pii.internal.ner.Features::hash).toArray();
    var clusters = dev.confidant.pii.internal.ner.WordClusters.of(keys, new short[] {5, 5, 5, 9, 9});
    List<Conll.Sentence> data = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      data.add(sentence("der Tisch und der Stuhl", "O O O O O"));
      data.add(sentence("Herr Mensah kommt", "O B-PER O"));
    }
    long[] out = new long[16];
    byte[] codes = new byte[16];
    boolean before = TaggerTrainer.clusterPlain;
    double share = TaggerTrainer.clusterPlainShare;
    try {
      TaggerTrainer.clusterPlainShare = 0.9;
      int n = TaggerTrainer.plainByCluster(data, clusters, java.util.Set.of(), out, codes, 0);
      assertThat(java.util.Arrays.copyOf(out, n)).containsExactlyInAnyOrder(keys[0], keys[1], keys[2]);
      // a word the training data already codes keeps its code; a lexicon name is never marked
      out[0] = keys[0];
      n = TaggerTrainer.plainByCluster(data, clusters, java.util.Set.of(keys[2]), out, codes, 1);
      assertThat(java.util.Arrays.copyOfRange(out, 1, n)).containsExactly(keys[1]);
    } finally {
      TaggerTrainer.clusterPlain = before;
      TaggerTrainer.clusterPlainShare = share;
    }
  }
}

package dev.confidant.tools.pii.eval;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.internal.ner.NameModels;
import dev.confidant.pii.internal.ner.NameRecognizer;
import dev.confidant.pii.internal.ner.Tagger;
import dev.confidant.pii.internal.recognize.Analyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * How often the name model names something in all-lower-case chat lines that hold no name: seeded lines of a
 * label or a greeting, an ordinary request in one of six languages and a structured value (e-mail, phone, URL,
 * IBAN, order number, time), all lower case, the shape of {@code line 1: mail user1@example.org}. No line has a
 * person, organisation or place and none has a cue for one, so every name span is a false positive. Prints per
 * model: lines with a name-model span, lines whose detection has a person, organisation or place, and lines where
 * a detected span covers the structured value and more (a name span merged with it: {@code line 1: mail
 * user1@example.org} masked whole as one e-mail address).
 * {@snippet lang=shell :
 * java -cp <tools classpath> dev.confidant.tools.pii.eval.LowerCaseChat 600 --tagger old.tagger [--show]
 * }
 */
public final class LowerCaseChat {
  private LowerCaseChat() {}

  /** Seed of the generated lines. */
  static final long SEED = 20261208L;

  private static final String[] PREFIXES = {"line {N}: ", "item {N}: ", "step {N}: ", "row {N}: ", "re: ", "q{N}: ",
      "update: ", "note: ", "fyi ", "ok so ", "hey, ", "hi there, ", "thanks! ", "{TIME} ", "ps: ", "todo: ",
      "zeile {N}: ", "punkt {N}: ", "ligne {N}: ", "nota: ", "regel {N}: ", "", "", ""};

  private static final String[] BODIES = {
      "mail {EMAIL}", "call me at {PHONE}", "my order {ORDER} has not arrived yet", "the link is {URL}",
      "please refund to {IBAN}", "can you check ticket {ORDER} again", "send it to {EMAIL} asap",
      "password reset does not work, my login is {EMAIL}", "the app crashes when i open settings, see {URL}",
      "invoice {ORDER} is wrong, the total should be {AMOUNT}", "i paid {AMOUNT} twice, reference {ORDER}",
      "reply to {EMAIL} not to this address", "my new number is {PHONE}", "meeting moved to {TIME} tomorrow",
      "download from {URL} and unzip it", "cc {EMAIL} on the next one please",
      "bitte an {EMAIL} schicken", "meine bestellung {ORDER} ist noch nicht da", "ruf mich unter {PHONE} an",
      "die rechnung {ORDER} stimmt nicht, bitte an {EMAIL}", "überweisung bitte auf {IBAN}",
      "envoyez-le à {EMAIL} svp", "ma commande {ORDER} n'est pas arrivée", "appelez-moi au {PHONE}",
      "le lien est {URL}", "remboursement sur {IBAN} merci",
      "envíalo a {EMAIL} por favor", "mi pedido {ORDER} no ha llegado", "llámame al {PHONE}",
      "scrivimi a {EMAIL}", "il mio ordine {ORDER} non è arrivato", "chiamami al {PHONE}",
      "stuur het naar {EMAIL} aub", "mijn bestelling {ORDER} is nog niet binnen", "bel me op {PHONE}"};

  /** One generated line and the offsets of its structured value. */
  record Line(String text, int valueStart, int valueEnd) {}

  /** {@code count} seeded lines. */
  static List<Line> lines(int count) {
    Random random = new Random(SEED);
    Faker faker = new Faker(Locale.ENGLISH, new Random(random.nextLong()));
    List<Line> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      String t = PREFIXES[random.nextInt(PREFIXES.length)] + BODIES[random.nextInt(BODIES.length)];
      StringBuilder b = new StringBuilder();
      int vs = -1;
      int ve = -1;
      int i = 0;
      while (i < t.length()) {
        int open = t.indexOf('{', i);
        if (open < 0) {
          b.append(t, i, t.length());
          break;
        }
        b.append(t, i, open);
        int close = t.indexOf('}', open);
        String slot = t.substring(open + 1, close);
        String value = switch (slot) {
          case "N" -> Integer.toString(1 + random.nextInt(40));
          case "TIME" -> String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60));
          case "EMAIL" -> faker.internet().emailAddress();
          case "PHONE" -> faker.phoneNumber().cellPhone();
          case "URL" -> "https://" + faker.internet().domainName() + "/" + faker.internet().slug();
          case "IBAN" -> faker.finance().iban("DE");
          case "ORDER" -> Integer.toString(10000 + random.nextInt(900000));
          case "AMOUNT" -> random.nextInt(500) + "." + random.nextInt(10) + "0 eur";
          default -> throw new IllegalArgumentException(slot);
        };
        if (!slot.equals("N")) { // the last value but a count: the body's, after a prefix's time
          vs = b.length();
          ve = vs + value.length();
        }
        b.append(value);
        i = close + 1;
      }
      out.add(new Line(b.toString().toLowerCase(Locale.ROOT), vs, ve));
    }
    return out;
  }

  /**
   * Entry point.
   *
   * @param args {@code [count] [--tagger FILE]... [--show]}: the shipped model and each given one
   * @throws IOException if a tagger file cannot be read
   */
  public static void main(String[] args) throws IOException {
    int count = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 600;
    boolean show = List.of(args).contains("--show");
    Map<String, NameModels> models = new LinkedHashMap<>();
    NameModels shipped = NameModels.load();
    models.put("shipped", shipped);
    for (int a = 0; a + 1 < args.length; a++) {
      if (args[a].equals("--tagger")) {
        models.put(args[a + 1], shipped.withTagger(Tagger.read(Path.of(args[a + 1]))));
      }
    }
    List<Line> lines = lines(count);
    System.out.printf("%d lower-case chat lines without a name (seed %d)%n%n", count, SEED);
    System.out.println("| model | lines with a name-model span | lines with a person, organisation or place "
        + "| lines whose structured value is masked with more text |");
    System.out.println("|---|---:|---:|---:|");
    for (Map.Entry<String, NameModels> m : models.entrySet()) {
      NameRecognizer names = new NameRecognizer(m.getValue());
      Analyzer analyzer = Analyzer.of(PiiOptions.defaults(), m.getValue());
      int modelLines = 0;
      int namedLines = 0;
      int overlapLines = 0;
      for (Line line : lines) {
        boolean model = names.recognize(line.text()).stream().anyMatch(e -> e.explanation().startsWith("names/model"));
        List<PiiEntity> all = analyzer.analyze(line.text(), true, null);
        List<PiiEntity> named = all.stream()
            .filter(e -> e.type() == EntityType.PERSON || e.type() == EntityType.ORGANIZATION
                || e.type() == EntityType.LOCATION)
            .toList();
        boolean overlap = all.stream().anyMatch(e -> e.start() < line.valueEnd() && line.valueStart() < e.end()
            && (e.start() < line.valueStart() || e.end() > line.valueEnd()));
        modelLines += model ? 1 : 0;
        namedLines += named.isEmpty() ? 0 : 1;
        overlapLines += overlap ? 1 : 0;
        if (show && (model || overlap || !named.isEmpty())) {
          System.err.printf("%s%s: %s -> %s%n", overlap ? "MERGED " : "", m.getKey(), line.text(), all);
        }
      }
      System.out.printf("| %s | %d | %d | %d |%n", m.getKey(), modelLines, namedLines, overlapLines);
    }
  }
}

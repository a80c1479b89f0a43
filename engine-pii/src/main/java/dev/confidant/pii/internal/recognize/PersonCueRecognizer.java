package dev.confidant.pii.internal.recognize;

import dev.confidant.pii.EntityType;
import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import dev.confidant.pii.internal.ner.Tagger;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Names right after a self-introduction in a supported language ({@link EntityType#PERSON}), where the name model is
 * weakest: lower-case text ("my name is john smith", "ich bin siv nansen und ...", "je m'appelle jarmila
 * rozsívalová", "me llamo ecrin grossheim", "mi chiamo ...", "ik heet ...") and capitalised names whose first word is
 * also a function word ("ich bin In Ferry", "me llamo Can Lipus"). After a naming cue ("my name is", "ich heiße", "je
 * m'appelle", "me llamo", "mi chiamo", "ik heet") one to three words; after a weaker one ("ich bin", "ik ben", "sono",
 * "soy", "je suis", "i am", "this is") two or three words, only where a comma, a full stop, "and" or the text's
 * end follows them, and lower-case ones only in a text without capitals nearby ("I am beyond furious." is no name);
 * after a closing formula ("Best regards,", "mit freundlichen grüßen,", "cordialement", "saludos", "met vriendelijke
 * groet") one to three words that end the text or their line; after a holder cue ("the account is under", "invoice to",
 * "in the name of", "auf den Namen", "a nombre de", "op naam van") one to three words (two or more in lower case)
 * before a comma, a full stop, "and" or the end. With the name model's name lexicon also a single given name after a
 * weaker cue before a comma, a full stop, "and" or the end ("I am Dorte, and ...", in lower case only after "this is"
 * and the like: "hi, this is reina.", not "i am fine, thanks"), and a given
 * name and up to two more words after thanks that end the text or their line ("thanks dorte", "Danke, Jürgen",
 * "merci Paul"), and after a kin cue with a possessive ("my kid Mali", "meine Tochter Lea", "mon mari Paul") the
 * capitalised name, or in lower-case text a given name of the lexicon (also after a comma: "für meine Mutter, Paul
 * Heidelmann"). After a greeting and a title ("Sehr geehrte Frau", "Dear Mr.", "Estimada señora", "Geachte mevrouw")
 * the one to three words up to a comma, colon, '!' or the line's end, in any case and whatever else they mean ("Geachte
 * mevrouw Dob,"), scored above the name model so that its type wins a merge; after a greeting alone ("hello terrance,",
 * "beste yenthel,") the same when the first word is a given name of the lexicon. Words of the lexicons (function, calendar,
 * greeting, label) end a name. Looks only at words that open a cue: linear in the text. Thread-safe.
 */
final class PersonCueRecognizer implements ScanRecognizer {
  /** Cues that name what follows. */
  private static final List<String> NAMING = List.of("my name is", "my name s", "mein name ist",
      "ich heiße", "ich heisse", "je m appelle", "mon nom est", "me llamo", "mi nombre es", "mi chiamo",
      "il mio nome è", "ik heet", "mijn naam is");
  /**
   * Cues that name whom something belongs or goes to: a name here is one to three words ending at a comma, a full
   * stop, "and" or the text's end ("the account is under jukka ojala.", "please send the invoice to shaniqua senger,").
   */
  private static final List<String> HOLDER = List.of("account is under", "account is in the name of",
      "in the name of", "under the name of", "invoice to", "auf den namen", "auf den namen von", "a nombre de",
      "a nome di", "op naam van", "ten name van");
  /** Cues after which adjectives and states stand as often as names. */
  private static final List<String> WEAK = List.of("ich bin", "ik ben", "sono", "soy", "je suis", "i am", "i m",
      "this is", "hier ist", "qui è", "c est");
  /**
   * Closing formulas: the one to three words after one, alone at the end of the text or of their line, are the
   * writer's name ("mit freundlichen grüßen, malin mathisen", "Best regards,\nJane Miller").
   */
  private static final List<String> CLOSINGS = List.of("best regards", "kind regards", "warm regards", "regards",
      "yours sincerely", "sincerely", "best wishes", "mit freundlichen grüßen", "mit freundlichen grüssen",
      "freundliche grüße", "freundliche grüsse", "viele grüße", "viele grüsse", "beste grüße", "liebe grüße",
      "cordialement", "bien cordialement", "salutations", "sincères salutations", "bien à vous", "saludos",
      "un saludo", "atentamente", "saludos cordiales", "cordiali saluti", "distinti saluti", "saluti",
      "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groeten", "groeten", "hartelijke groet",
      // abbreviations and more formulas of support mail
      "mfg", "vg", "lg", "mvg", "mvgr", "liebe grüsse", "herzliche grüße", "herzliche grüsse", "salutations distinguées",
      "bien à toi", "un abrazo", "saludos cordiales", "un saluto", "cordialmente", "hartelijke groeten", "groetjes");
  /**
   * Kin and people one knows, with a possessive: the one to three capitalised words after one name a person ("my kid
   * Mali", "meine Tochter Lea", "mon mari Paul Martin", "mi jefa Ana", "mio figlio Luca", "mijn buurman Henk").
   */
  private static final List<String> KIN = kin();
  /**
   * A greeting and a title in one language ("Sehr geehrte Frau", "Dear Mr", "Bonjour Madame", "Estimada señora",
   * "Gentile signora", "Geachte mevrouw"): the one to three words after one, up to a comma, colon, '!' or the line's
   * end, are a surname in any case, whatever else they may mean ("Geachte mevrouw Dob,", "sehr geehrte frau
   * bürklein,").
   */
  private static final List<String> SALUTATIONS = salutations();
  /**
   * Greetings that may open a message with the addressee's given name ("hello terrance,", "beste yenthel,"): with the
   * name lexicon, a given name and at most one more word right after one, then a comma, '!' or the line's end.
   */
  private static final List<String> GREETINGS = List.of("hello", "hi", "hey", "dear", "good morning",
      "good afternoon", "hallo", "liebe", "lieber", "guten morgen", "guten tag", "moin", "servus", "bonjour",
      "bonsoir", "salut", "coucou", "cher", "chère", "hola", "querida", "querido", "buenos días", "buenas tardes",
      "ciao", "buongiorno", "buonasera", "salve", "cara", "caro", "beste", "hoi", "lieve", "goedemorgen",
      "goedemiddag", "dag");
  /**
   * Questions for a name, answered right after their question mark ("What's your last name? Krylova"): the one to
   * three words after one, up to punctuation or the line's end, in any case.
   */
  private static final List<String> QUESTIONS = List.of("your name", "your last name", "your first name",
      "your surname", "your full name", "your family name", "ihr name", "ihr nachname", "ihr vorname", "dein name",
      "votre nom", "ton nom", "su nombre", "tu nombre", "su apellido", "il suo nome", "il tuo nome", "uw naam",
      "je naam", "jouw naam");
  /** Titles that may follow a salutation's title before the name: "Sehr geehrte Frau Dr. Weber". */
  private static final Set<String> MORE_TITLES = Set.of("dr", "prof", "professor", "doktor", "dott", "dottor",
      "dottore", "dottoressa", "ing", "avv", "docteur", "maître", "ir", "drs", "mr", "mag", "dipl");
  /** Weak cues that introduce a speaker, after which a lower-case word is a name rather than a state ("i am fine"). */
  private static final Set<String> INTRODUCING = Set.of("this is", "hier ist", "qui è", "c est");
  /**
   * Thanks that close a message: the words after one are the writer's name only when the first is a given name of
   * the name lexicon ("thanks dorte", not "thanks again").
   */
  private static final List<String> THANKS = List.of("thanks", "thank you", "thx", "cheers", "danke", "vielen dank",
      "danke schön", "merci", "merci beaucoup", "gracias", "muchas gracias", "grazie", "grazie mille", "bedankt",
      "dank je", "dank je wel", "dank u", "dank u wel");
  /** Lower-case particles inside a capitalised name after a closing: "Pieter de Vries", "Anna von Stein". */
  private static final Set<String> PARTICLES = Set.of("de", "van", "von", "der", "den", "da", "di", "du", "del",
      "della", "le", "la", "ten", "ter", "zu");
  /** Words that may follow a name under a weak cue: "ich bin siv nansen und wohne ...". */
  private static final Set<String> AND = Set.of("and", "und", "et", "y", "e", "en");
  private static final int MAX_WORDS = 3;

  static final double SCORE = 0.6;
  /** A salutation's title is a strong cue: its name outranks the name model's type in a merge ("Gentile signora De Luca"). */
  static final double SALUTATION_SCORE = 0.8;
  /** The prefix of this recognizer's explanations: {@code "person-cue/ich bin"}. */
  static final String EXPLANATION = "person-cue/";

  /** Words of a cue stand one space or one apostrophe apart: "my name is", "je m'appelle". */
  private static final CuePhrases PHRASES = new CuePhrases(
      Stream.of(NAMING, HOLDER, WEAK, CLOSINGS, THANKS, KIN, SALUTATIONS, GREETINGS, QUESTIONS).flatMap(List::stream).map(cue -> cue.split(" ")).toList(),
      CuePhrases.SPACE_OR_APOSTROPHE);

  private final @Nullable Tagger lexicon;

  /** Without the name lexicon: no single given names after weak cues, no names after thanks. */
  PersonCueRecognizer() {
    this(null);
  }

  /** @param lexicon the name model whose name lexicon tells given names ({@code null}: see {@link #PersonCueRecognizer()}) */
  PersonCueRecognizer(@Nullable Tagger lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public String name() {
    return "person-cue";
  }

  @Override
  public Set<EntityType> types() {
    return Set.of(EntityType.PERSON);
  }

  @Override
  public List<PiiEntity> recognize(Scan scan) {
    return PHRASES.find(scan, this::read);
  }

  /** What follows one cue: see {@link CuePhrases.Reader#read}. */
  private int read(Scan scan, CuePhrases.Match match, List<PiiEntity> out) {
    String text = scan.text();
    int n = scan.wordCount();
    int k = match.start();
    int after = match.after();
    String cue = match.cue();
    if (after >= 0 && after < n && CLOSINGS.contains(cue)) {
      return closing(scan, match, out);
    }
    if (after >= 0 && after < n && THANKS.contains(cue)) {
      return givenName(scan, after) ? closing(scan, match, out) : k;
    }
    if (after >= 0 && after < n && QUESTIONS.contains(cue)) {
      String gap = text.substring(scan.wordEnd(after - 1), scan.wordStart(after));
      return gap.startsWith("?") && gap.strip().equals("?") && gap.length() <= 3
          ? nameUntilPunctuation(scan, match, after, out, SALUTATION_SCORE, false) : k;
    }
    if (after >= 0 && after < n && SALUTATIONS.contains(cue)) {
      return salutation(scan, match, out, SALUTATION_SCORE);
    }
    if (after >= 0 && after < n && GREETINGS.contains(cue)) {
      return givenName(scan, after) && gapIs(scan, after - 1, " ") ? salutation(scan, match, out, SCORE) : k;
    }
    if (after >= 0 && after < n && KIN.contains(cue) && gapIs(scan, after - 1, ", ")) {
      return kin(scan, match, out); // "Ich schreibe für meine Mutter, Paul Heidelmann."
    }
    if (after < 0 || after >= n || !gapIs(scan, after - 1, " ")) {
      return k;
    }
    if (KIN.contains(cue)) {
      return kin(scan, match, out);
    }
    boolean holder = HOLDER.contains(cue);
    boolean naming = NAMING.contains(cue) || holder;
    boolean lower = Character.isLowerCase(text.charAt(scan.wordStart(after)));
    if (lower && !naming && hasCapital(text, Math.max(0, scan.wordStart(k) - 80),
        Math.min(text.length(), scan.wordEnd(after) + 80))) {
      return k; // in capitalised text a lower-case word after "I am" is a state: "I am beyond furious"
    }
    int last = lower ? lowerName(scan, after) : capitalName(scan, after);
    if (last < after && !lower && holder) {
      last = oneCapital(scan, after); // "the account is under Weber."
    }
    if (!naming && (last < after || lower && last == after && INTRODUCING.contains(cue)) && endsName(scan, after)
        && givenName(scan, after)
        && (lower || oneCapital(scan, after) == after)) {
      int s = scan.wordStart(after); // "hi, this is reina.", "I am Dorte, and ..."
      int e = scan.wordEnd(after);
      out.add(new PiiEntity(EntityType.PERSON, text.substring(s, e), s, e, SCORE, EXPLANATION + cue + " +given"));
      return after;
    }
    if (last < after) {
      return k;
    }
    int words = last - after + 1;
    if (!naming && (words < 2 || !endsName(scan, last))
        || holder && (!endsName(scan, last) || lower && words < 2)) {
      return k; // "the account is under review."
    }
    int s = scan.wordStart(after);
    int e = scan.wordEnd(last);
    out.add(new PiiEntity(EntityType.PERSON, text.substring(s, e), s, e, SCORE, EXPLANATION + cue));
    k = last;
    return k;
  }

  /**
   * The name after a kin cue: two or three capitalised words, or one that is no lexicon word ("my kid Mali from the
   * will"); in a text without capitals nearby one given name of the name lexicon ("my son luca").
   */
  private int kin(Scan scan, CuePhrases.Match match, List<PiiEntity> out) {
    String text = scan.text();
    int after = match.after();
    boolean lower = Character.isLowerCase(text.charAt(scan.wordStart(after)));
    int last;
    if (lower) {
      last = !hasCapital(text, Math.max(0, scan.wordStart(match.start()) - 80),
          Math.min(text.length(), scan.wordEnd(after) + 80)) && givenName(scan, after) ? after : -1;
      if (last == after && after + 1 < scan.wordCount() && gapIs(scan, after, " ") && lexicon != null
          && (lexicon.nameLexicon(scan.lowerWord(after + 1)) & 2) != 0 && !ordinary(scan, after + 1)) {
        last = after + 1; // and a surname of the lexicon: "my mother, padraig prendergast."
      }
    } else {
      last = capitalName(scan, after);
      if (last < after) {
        last = oneCapital(scan, after);
      }
    }
    if (last < after) {
      return match.start();
    }
    int s = scan.wordStart(after);
    int e = scan.wordEnd(last);
    out.add(new PiiEntity(EntityType.PERSON, text.substring(s, e), s, e, SCORE, EXPLANATION + match.cue()));
    return last;
  }

  /**
   * The surname after a salutation: after one space (or ". " after an abbreviated title) and any further titles, one
   * to three words of letters, the last followed by a comma, colon, '!', the line's or the text's end; a greeting or
   * a title ends the search ("Dear Mr and Mrs Smith" gives nothing).
   */
  private static int salutation(Scan scan, CuePhrases.Match match, List<PiiEntity> out, double score) {
    String text = scan.text();
    int n = scan.wordCount();
    int w = match.after();
    if (!gapIs(scan, w - 1, " ") && !gapIs(scan, w - 1, ". ")) {
      return match.start();
    }
    while (w + 1 < n && MORE_TITLES.contains(scan.lowerWord(w)) && (gapIs(scan, w, " ") || gapIs(scan, w, ". "))) {
      w++;
    }
    return nameUntilPunctuation(scan, match, w, out, score, true);
  }

  /**
   * One to three words of letters from word {@code first}, the last followed by a comma, colon, '!', '.', the line's
   * or the text's end; a greeting or a title ends the search, and any lexicon word unless {@code anyWord}.
   */
  private static int nameUntilPunctuation(Scan scan, CuePhrases.Match match, int first, List<PiiEntity> out,
      double score, boolean anyWord) {
    String text = scan.text();
    int n = scan.wordCount();
    int w = first;
    for (; w < n && w < first + MAX_WORDS; w++) {
      if (w > first && !gapIs(scan, w - 1, " ") && !gapIs(scan, w - 1, "-")
          || !Character.isLetter(text.charAt(scan.wordStart(w))) || greetingOrTitle(scan, w)
          || !anyWord && ordinary(scan, w)) {
        return match.start();
      }
      int e = scan.wordEnd(w);
      int rest = e;
      while (rest < text.length() && text.charAt(rest) == ' ') {
        rest++;
      }
      if (rest == text.length() || ",:!.\n\r".indexOf(text.charAt(rest)) >= 0) {
        int s = scan.wordStart(first);
        out.add(new PiiEntity(EntityType.PERSON, text.substring(s, e), s, e, score, EXPLANATION + match.cue()));
        return w;
      }
    }
    return match.start();
  }

  private static boolean greetingOrTitle(Scan scan, int w) {
    int mask = Lexicons.get().mask(scan.text(), scan.wordStart(w), scan.wordEnd(w));
    return (mask & (Lexicons.bits(WordClass.GREETING) | Lexicons.bits(WordClass.TITLE))) != 0;
  }

  /** Greetings and titles of each language, combined. */
  private static List<String> salutations() {
    List<String> cues = new java.util.ArrayList<>();
    String[][] byLanguage = {
        {"dear|hello|hi|good morning|good afternoon|good evening", "mr|mrs|ms|miss|mx|dr|prof"},
        {"sehr geehrte|sehr geehrter|liebe|lieber|hallo|guten tag|guten morgen|guten abend|grüß gott",
            "frau|herr|herrn|dr|prof"},
        {"bonjour|bonsoir|chère|cher|salut", "madame|monsieur|mademoiselle|mme|m|mlle|docteur|maître"},
        {"estimada|estimado|querida|querido|apreciada|apreciado|distinguida|distinguido|hola|buenos días|"
            + "buenas tardes|buenas noches", "señora|señor|señorita|sra|sr|srta|doña|don|dra"},
        {"gentile|gentilissima|gentilissimo|egregia|egregio|cara|caro|buongiorno|buonasera|salve|ciao",
            "signora|signor|signore|signorina|sig|dott|dottor|dottoressa|avv|ing"},
        {"geachte|beste|hallo|goedemorgen|goedemiddag|goedenavond|lieve|dag", "heer|mevrouw|meneer|mevr|mw|dhr|"
            + "juffrouw"}};
    for (String[] language : byLanguage) {
      for (String greeting : language[0].split("\\|")) {
        for (String title : language[1].split("\\|")) {
          cues.add(greeting + " " + title);
        }
      }
    }
    return List.copyOf(cues);
  }

  private static List<String> kin() {
    List<String> cues = new java.util.ArrayList<>();
    for (String who : List.of("son", "daughter", "kid", "child", "wife", "husband", "partner", "brother", "sister",
        "mother", "father", "mom", "mum", "dad", "friend", "boss", "colleague", "neighbour", "neighbor", "grandson",
        "granddaughter", "grandmother", "grandfather", "nephew", "niece", "cousin", "uncle", "aunt", "fiancé",
        "fiancée", "girlfriend", "boyfriend")) {
      for (String whose : List.of("my", "his", "her", "our", "their")) {
        cues.add(whose + " " + who);
      }
    }
    for (String who : List.of("sohn", "mann", "bruder", "vater", "freund", "chef", "kollege", "nachbar", "enkel")) {
      cues.add("mein " + who);
    }
    for (String who : List.of("tochter", "frau", "schwester", "mutter", "freundin", "chefin", "kollegin", "nachbarin",
        "enkelin")) {
      cues.add("meine " + who);
    }
    for (String who : List.of("fils", "mari", "enfant", "frère", "père", "ami", "patron", "collègue", "voisin")) {
      cues.add("mon " + who);
    }
    for (String who : List.of("fille", "femme", "sœur", "mère", "collègue", "voisine")) {
      cues.add("ma " + who);
    }
    for (String who : List.of("hijo", "hija", "marido", "esposo", "esposa", "mujer", "hermano", "hermana", "madre",
        "padre", "amigo", "amiga", "jefe", "jefa", "vecino", "vecina", "compañero", "compañera")) {
      cues.add("mi " + who);
    }
    for (String who : List.of("figlio", "marito", "fratello", "padre", "amico", "capo", "collega", "vicino")) {
      cues.add("mio " + who);
    }
    for (String who : List.of("figlia", "moglie", "sorella", "madre", "amica", "collega", "vicina")) {
      cues.add("mia " + who);
    }
    for (String who : List.of("zoon", "dochter", "man", "vrouw", "kind", "broer", "zus", "moeder", "vader", "vriend",
        "vriendin", "baas", "collega", "buurman", "buurvrouw")) {
      cues.add("mijn " + who);
    }
    return List.copyOf(cues);
  }

  /**
   * The name after a closing formula: after a comma, spaces or one line break, one to three words of one case that
   * are no lexicon words (after a given name of the name lexicon any words but "and": "Bob Dank", "Fynn Da"), then
   * only a full stop or '!' before the text's or the line's end.
   */
  private int closing(Scan scan, CuePhrases.Match match, List<PiiEntity> out) {
    String text = scan.text();
    int after = match.after();
    String gap = text.substring(scan.wordEnd(after - 1), scan.wordStart(after)).strip();
    String lead = text.substring(scan.wordEnd(after - 1), scan.wordStart(after));
    if (!(gap.isEmpty() || gap.equals(",")) || lead.indexOf('\n') != lead.lastIndexOf('\n')) {
      return match.start();
    }
    boolean lower = Character.isLowerCase(text.charAt(scan.wordStart(after)));
    boolean given = givenName(scan, after); // then a surname that is also a common word stays: "Bob Dank", "Fynn Da"
    // A given name that is also a common word before a surname of the lexicon: "Will Halvorson", "Said Kohlmann".
    boolean commonGiven = !given && lexicon != null && after + 1 < scan.wordCount() && gapIs(scan, after, " ")
        && (lexicon.nameLexicon(scan.lowerWord(after)) & 1) != 0
        && (lexicon.nameLexicon(scan.lowerWord(after + 1)) & 2) != 0 && !ordinary(scan, after + 1);
    int last = -1;
    for (int w = after; w < scan.wordCount() && w < after + MAX_WORDS + 1; w++) {
      boolean particle = !lower && w > after && PARTICLES.contains(scan.lowerWord(w)) && w + 1 < scan.wordCount()
          && Character.isUpperCase(text.charAt(scan.wordStart(w + 1))); // "Pieter de Vries"
      if (w > after && !gapIs(scan, w - 1, " ") && !gapIs(scan, w - 1, "-")
          || !particle && (Character.isLowerCase(text.charAt(scan.wordStart(w))) != lower
          || !Character.isLetter(text.charAt(scan.wordStart(w)))
          || ordinary(scan, w) && !(given && w > after && !AND.contains(scan.lowerWord(w)))
          && !(commonGiven && w == after))) {
        break;
      }
      last = particle ? last : w;
    }
    if (last < 0) {
      return match.start();
    }
    int e = scan.wordEnd(last);
    int rest = e;
    while (rest < text.length() && (text.charAt(rest) == '.' || text.charAt(rest) == '!' || text.charAt(rest) == ' ')) {
      rest++;
    }
    if (rest < text.length() && text.charAt(rest) != '\n' && text.charAt(rest) != '\r') {
      return match.start(); // more text follows on the line: "Regards to your team and ..."
    }
    int s = scan.wordStart(after);
    out.add(new PiiEntity(EntityType.PERSON, text.substring(s, e), s, e, SCORE, EXPLANATION + match.cue()));
    return last;
  }

  /** Lower-case words that are no lexicon words, joined by single spaces or hyphens; the last one, or -1. */
  private static int lowerName(Scan scan, int q) {
    int last = -1;
    for (int w = q; w < scan.wordCount() && w < q + MAX_WORDS; w++) {
      if (w > q && !gapIs(scan, w - 1, " ") && !gapIs(scan, w - 1, "-")
          || !Character.isLowerCase(scan.text().charAt(scan.wordStart(w))) || ordinary(scan, w)) {
        break;
      }
      last = w;
    }
    return last;
  }

  /**
   * Two or three capitalised words, of which the first may be a function word ("In Ferry", "Can Lipus"); the last
   * one, or -1. A single capitalised word is the name model's.
   */
  private int capitalName(Scan scan, int q) {
    int last = -1;
    for (int w = q; w < scan.wordCount() && w < q + MAX_WORDS; w++) {
      if (w > q && !gapIs(scan, w - 1, " ") && !gapIs(scan, w - 1, "-")
          || !Character.isUpperCase(scan.text().charAt(scan.wordStart(w))) || w > q && ordinary(scan, w)
          && !surnameAfterGivenName(scan, q, w)) {
        break;
      }
      last = w;
    }
    return last > q && (!ordinary(scan, last) || surnameAfterGivenName(scan, q, last)) ? last : -1;
  }

  /**
   * Whether word {@code w} is a surname of the name lexicon right after the given name {@code q} opening the name, so
   * that a surname that is also a function word stays in it ("Fredric Will", "Xenia Liebe").
   */
  private boolean surnameAfterGivenName(Scan scan, int q, int w) {
    return lexicon != null && w == q + 1 && givenName(scan, q) && (lexicon.nameLexicon(scan.lowerWord(w)) & 2) != 0;
  }

  /** Word {@code q} when it is a capitalised word that is no lexicon word, or -1. */
  private static int oneCapital(Scan scan, int q) {
    return Character.isUpperCase(scan.text().charAt(scan.wordStart(q))) && !ordinary(scan, q) ? q : -1;
  }

  /** Whether word {@code w} is a given name of the name lexicon and no lexicon word. */
  private boolean givenName(Scan scan, int w) {
    return lexicon != null && (lexicon.nameLexicon(scan.lowerWord(w)) & 1) != 0 && !ordinary(scan, w);
  }

  /** Whether a comma, full stop, "and" or the text's end follows word {@code w}. */
  private static boolean endsName(Scan scan, int w) {
    if (w + 1 >= scan.wordCount()) {
      String rest = scan.text().substring(scan.wordEnd(w)).strip();
      return rest.isEmpty() || rest.startsWith(".") || rest.startsWith(",") || rest.startsWith("!");
    }
    String gap = scan.text().substring(scan.wordEnd(w), scan.wordStart(w + 1));
    return gap.startsWith(",") || gap.startsWith(".") || gap.equals(" ") && AND.contains(scan.lowerWord(w + 1));
  }

  static boolean hasCapital(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A function, calendar, greeting or label word of any language. */
  static boolean ordinary(Scan scan, int w) {
    int mask = Lexicons.get().mask(scan.text(), scan.wordStart(w), scan.wordEnd(w));
    return (mask & (Lexicons.bits(WordClass.FUNCTION) | Lexicons.bits(WordClass.CALENDAR)
        | Lexicons.bits(WordClass.GREETING) | Lexicons.bits(WordClass.LABEL) | Lexicons.bits(WordClass.TITLE))) != 0;
  }

  static boolean gapIs(Scan scan, int k, String gap) {
    int from = scan.wordEnd(k);
    int to = scan.wordStart(k + 1);
    return scan.text().regionMatches(from, gap, 0, gap.length()) && to - from == gap.length();
  }

}

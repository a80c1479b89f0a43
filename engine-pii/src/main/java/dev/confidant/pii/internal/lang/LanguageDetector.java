package dev.confidant.pii.internal.lang;

import java.util.Locale;

/**
 * Guesses the language of a message among {@link Language}'s from its function words (each counts for every
 * language it belongs to, divided among them), form labels of one or two words before a colon ("Adresse :",
 * "Code postal :", "Telefoon:"; counted the same way) and a few letters and endings typical of one language ("ß",
 * "ñ", "-ción", "-zione", "ij"). A text with too little evidence is English. Linear in the text, reading at most
 * {@link #MAX_CHARS} chars; stateless and thread-safe.
 */
public final class LanguageDetector {
  /** Chars read at most: a message's start says enough about its language, and the cost stays bounded. */
  public static final int MAX_CHARS = 4096;
  /** A text scoring less than this for every language is taken as English. */
  static final double MIN_EVIDENCE = 1.0;

  private LanguageDetector() {}

  /** The most likely language of {@code text}; {@link Language#EN} when it says too little. */
  public static Language detect(CharSequence text) {
    double[] scores = scores(text);
    int best = 0;
    for (int l = 1; l < scores.length; l++) {
      if (scores[l] > scores[best]) {
        best = l;
      }
    }
    return scores[best] < MIN_EVIDENCE ? Language.EN : Language.values()[best];
  }

  /** Evidence per language, indexed by {@link Language#ordinal()}. */
  static double[] scores(CharSequence text) {
    Lexicons lexicons = Lexicons.get();
    Language[] languages = Language.values();
    double[] scores = new double[languages.length];
    int n = Math.min(text.length(), MAX_CHARS);
    int i = 0;
    int previousStart = -1;
    while (i < n) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '\'' || text.charAt(i) == '\u2019')) {
        i++;
      }
      String word = text.subSequence(start, i).toString().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      int apostrophe = word.indexOf('\'');
      if (apostrophe > 0 && apostrophe < word.length() - 1) {
        // "l'adresse", "j'habite", "dell'ufficio": the elided article is the function word.
        addFunctionWord(lexicons, word.substring(0, apostrophe + 1), scores);
        word = word.substring(apostrophe + 1);
      }
      addFunctionWord(lexicons, word, scores);
      addLetters(word, scores);
      if (beforeColon(text, i, n)) {
        // A form's label says its language when little else does ("Adresse :", "Code postal :", "Telefoon:"):
        // one or two words before a colon.
        int mask = lexicons.labelLanguages(text, start, i);
        if (mask == 0 && previousStart >= 0) {
          mask = lexicons.labelLanguages(text, previousStart, i);
        }
        add(mask, LABEL_WEIGHT, scores);
      }
      previousStart = start;
    }
    return scores;
  }

  /** What a form label before a colon counts, divided among the languages that have it. */
  static final double LABEL_WEIGHT = 1.0;

  /** Whether a colon follows {@code text[.., i)} after at most one space and an abbreviation's stop ("Tél. :"). */
  private static boolean beforeColon(CharSequence text, int i, int n) {
    int k = i;
    if (k < n && text.charAt(k) == '.') {
      k++;
    }
    if (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\u00a0')) {
      k++;
    }
    return k < n && text.charAt(k) == ':';
  }

  private static void add(int mask, double weight, double[] scores) {
    if (mask != 0) {
      double share = weight / Integer.bitCount(mask);
      for (int l = 0; l < scores.length; l++) {
        if ((mask & 1 << l) != 0) {
          scores[l] += share;
        }
      }
    }
  }

  private static void addFunctionWord(Lexicons lexicons, String word, double[] scores) {
    add(lexicons.functionLanguages(word), 1.0, scores);
  }

  /** Letters and endings that belong to one or two of the languages. */
  private static void addLetters(String w, double[] s) {
    int en = Language.EN.ordinal();
    int de = Language.DE.ordinal();
    int fr = Language.FR.ordinal();
    int es = Language.ES.ordinal();
    int it = Language.IT.ordinal();
    int nl = Language.NL.ordinal();
    for (int k = 0; k < w.length(); k++) {
      switch (w.charAt(k)) {
        case 'ß' -> s[de] += 1.0;
        case 'ä', 'ö', 'ü' -> s[de] += 0.5;
        case 'ñ', '¿', '¡' -> s[es] += 1.0;
        case 'á', 'í', 'ó', 'ú' -> s[es] += 0.4;
        case 'ç', 'œ', 'ê', 'â', 'î', 'ô', 'û', 'ë', 'ï' -> {
          s[fr] += 0.5;
          if (w.charAt(k) == 'ë' || w.charAt(k) == 'ï') {
            s[nl] += 0.3;
          }
        }
        case 'é' -> {
          s[fr] += 0.3;
          s[es] += 0.1;
        }
        case 'è', 'à' -> {
          s[fr] += 0.2;
          s[it] += 0.2;
        }
        case 'ò', 'ù', 'ì' -> s[it] += 0.5;
        default -> { }
      }
    }
    if (w.length() < 5) {
      return;
    }
    if (w.endsWith("ung") || w.endsWith("heit") || w.endsWith("keit") || w.endsWith("lich") || w.endsWith("schaft")
        || w.contains("sch") && !w.startsWith("sch") || w.endsWith("chen")) {
      s[de] += 0.3;
    }
    if (w.endsWith("ción") || w.endsWith("cion") || w.endsWith("dad") || w.endsWith("ado") || w.endsWith("ada")) {
      s[es] += 0.3;
    }
    if (w.endsWith("zione") || w.endsWith("zioni") || w.endsWith("zza") || w.endsWith("gli") || w.endsWith("ggio")) {
      s[it] += 0.3;
    }
    if (w.endsWith("eux") || w.endsWith("aux") || w.endsWith("ée") || w.endsWith("ment") || w.endsWith("eur")) {
      s[fr] += 0.3;
    }
    if (w.contains("ij") || w.endsWith("heid") || w.endsWith("lijk") || w.contains("oe") && w.contains("aa")) {
      s[nl] += 0.3;
    }
    if (w.endsWith("ing") || w.endsWith("ly") || w.endsWith("ght") || w.contains("th")) {
      s[en] += 0.2;
    }
  }
}

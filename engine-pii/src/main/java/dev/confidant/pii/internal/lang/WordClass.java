package dev.confidant.pii.internal.lang;

/** Kinds of lexicon entries that are not personal data by themselves. */
public enum WordClass {
  /** Articles, pronouns, prepositions, conjunctions, auxiliary and common verbs: "the", "bin", "je", "sono". */
  FUNCTION,
  /** Forms of address that precede a name: "Herr", "Mme", "Sig.ra". */
  TITLE,
  /** Weekdays, months, seasons and holidays: "Friday", "Tag der Deutschen Einheit". */
  CALENDAR,
  /** Greetings, salutations and sign-offs: "Guten Tag", "Damen und Herren", "Bonjour". */
  GREETING,
  /** Form labels and section headings: "Kundennummer", "Geburtsdatum", "Hotline". */
  LABEL
}

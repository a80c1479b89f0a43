/**
 * Languages of a message and per-language lexicons of words that are never personal data on their own (function
 * words, titles, calendar words, greetings and salutations, form labels). Internal.
 *
 * {@snippet :
 * Language lang = LanguageDetector.detect("Guten Tag, ich bin Jürgen Müller");     // DE
 * Lexicons.get().has(WordClass.GREETING, "guten tag");                             // true, in some language
 * Lexicons.get().has(WordClass.FUNCTION, lang, "bin");                             // true
 * }
 */
@NullMarked
package dev.confidant.pii.internal.lang;

import org.jspecify.annotations.NullMarked;

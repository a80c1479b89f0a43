/**
 * Languages of a message and per-language lexicons of words that are never personal data on their own (function
 * words, titles, calendar words, greetings and salutations, form labels). Internal.
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=lang}
 */
@NullMarked
package dev.confidant.pii.internal.lang;

import org.jspecify.annotations.NullMarked;

/**
 * Person, organisation and location detection: the trained name tagger and rules. Internal (exported to the
 * {@code tools} module, which trains and evaluates the tagger).
 */
@NullMarked
package dev.confidant.pii.internal.ner;

import org.jspecify.annotations.NullMarked;

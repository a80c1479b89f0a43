/** Person, organisation and location detection: the trained name tagger, its trainer, and rules. Internal. */
@NullMarked
package dev.confidant.pii.internal.ner;

import org.jspecify.annotations.NullMarked;

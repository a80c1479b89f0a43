/** Readers of the development and training data sets (CoNLL-style BIO files, Presidio JSON, phone examples). */
@NullMarked
package dev.confidant.tools.pii.data;

import org.jspecify.annotations.NullMarked;

/** Person, organisation and location detection: the trained OpenNLP model, its trainer, and rules. Internal. */
@NullMarked
package dev.confidant.pii.internal.ner;

import org.jspecify.annotations.NullMarked;

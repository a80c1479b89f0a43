package dev.confidant.pii.internal.ner;

import dev.confidant.pii.EntityType;

/**
 * A name the {@link Tagger} found in a sentence.
 *
 * @param start first token
 * @param end token after the last
 * @param type PERSON, ORGANIZATION or LOCATION
 * @param score in [0, 1]: the logistic function of the span's mean margin over "outside"
 */
public record NameSpan(int start, int end, EntityType type, double score) {}

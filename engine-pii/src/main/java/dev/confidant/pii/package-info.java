/** PII/OII pseudonymization: recognizers, placeholders, mapping vault and leak-free detokenization. */
@NullMarked
package dev.confidant.pii;

import org.jspecify.annotations.NullMarked;

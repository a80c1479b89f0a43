/** Pseudonymization of texts and requests, and the (streaming) detokenizer. Internal. */
@NullMarked
package dev.confidant.pii.internal.token;

import org.jspecify.annotations.NullMarked;

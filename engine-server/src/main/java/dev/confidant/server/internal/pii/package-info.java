/** The one JSON shape of PII detection results and caller mappings, used by {@code POST /v1/pii/detect} and {@code pii-detect}. */
@NullMarked
package dev.confidant.server.internal.pii;

import org.jspecify.annotations.NullMarked;

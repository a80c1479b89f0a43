/**
 * PII/OII pseudonymization: recognize personal and organisational data, replace each distinct value with a
 * placeholder ({@code [NAME_1]}, {@code [EMAIL_2]}) before a model sees it, and restore the values in what comes
 * back, also while streaming.
 *
 * <p>In an engine, the {@code pseudonymization} stage (phase {@code PRIVACY}) does this for every request whose
 * {@link Pseudonymization} option asks for it; configure the stage with {@link PiiOptions#KEY}.
 * Standalone, {@link PiiDetector} has the semantics of {@code POST /v1/pii/detect}:
 *
 * {@snippet class=dev.confidant.pii.PiiSnippets region=overview}
 *
 * <p>Mappings are {@code placeholder -> value} maps (the {@code X-Pii-Mapping} header is this map as a JSON
 * object, e.g. {@code {"[NAME_1]":"Anna Weber"}}). Values are personal data: no type of this module prints them
 * in {@code toString()}, logs them or puts them in exception messages.
 */
@NullMarked
package dev.confidant.pii;

import org.jspecify.annotations.NullMarked;

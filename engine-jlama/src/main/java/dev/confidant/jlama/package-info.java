/**
 * The in-process {@code jlama} model backend. Adding {@code engine-jlama} to an application registers the backend
 * with {@link java.util.ServiceLoader}; the engine builder then uses it for every model id without a route, unless
 * another default backend is set. Configure it with {@link dev.confidant.jlama.JlamaOptions}:
 * {@snippet class=dev.confidant.jlama.JlamaSnippets region=engine}
 *
 * <p>Jlama needs the incubating Vector API: start the JVM with {@code --add-modules jdk.incubator.vector}
 * ({@code --enable-native-access=ALL-UNNAMED} silences a warning). Only applications that include this module
 * need the flags.
 */
@NullMarked
package dev.confidant.jlama;

import org.jspecify.annotations.NullMarked;

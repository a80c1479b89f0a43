/** Reads the server's YAML configuration into {@link dev.confidant.server.ServerConfig}. */
@NullMarked
package dev.confidant.server.internal.config;

import org.jspecify.annotations.NullMarked;

/**
 * {@code bin/confidant}: the command-line entry point. Subcommands: {@code chat}.
 */
@NullMarked
package dev.confidant.server.cli;

import org.jspecify.annotations.NullMarked;

/**
 * The HTTP layer on Helidon SE WebServer: routing, authentication and space checks, header mapping, chat
 * completions (JSON and SSE), models, health, JSON errors, limits, access log and metrics.
 */
@NullMarked
package dev.confidant.server.internal.http;

import org.jspecify.annotations.NullMarked;

/** Bearer-token authentication against the hashed tokens of the configuration, and space authorization. */
@NullMarked
package dev.confidant.server.internal.auth;

import org.jspecify.annotations.NullMarked;

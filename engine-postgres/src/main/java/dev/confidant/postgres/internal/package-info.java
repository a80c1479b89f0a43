/** The PostgreSQL stores behind {@link dev.confidant.postgres.PostgresStore}; not an API. */
@NullMarked
package dev.confidant.postgres.internal;

import org.jspecify.annotations.NullMarked;

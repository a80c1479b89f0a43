/** The stores the server owns: the knowledge base under the storage directory (or a temporary one). */
@NullMarked
package dev.confidant.server.internal.store;

import org.jspecify.annotations.NullMarked;

/** Built-in recognizers: rules with checksums, libphonenumber, context words and overlap merging. Internal. */
@NullMarked
package dev.confidant.pii.internal.recognize;

import org.jspecify.annotations.NullMarked;

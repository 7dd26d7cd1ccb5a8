/** leakdiff's JSON codec: no library below the command line, nothing reflective. leakdiff's own; may change. */
package dev.leakdiff.hunt.json;

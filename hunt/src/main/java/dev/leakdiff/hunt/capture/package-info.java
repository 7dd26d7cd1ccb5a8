/**
 * Capture: a heap dump of a JVM (another, through the attach mechanism's diagnostic commands; or this one, through its
 * management beans) with the sidecar of process facts measured around it. leakdiff's own; may change.
 */
package dev.leakdiff.hunt.capture;

/**
 * The write pacer: spaces {@code $batch} writes so a run settles just under the tenant's
 * write budget without being told its numbers.
 * {@link io.writebackbatch.graph.pacing.WritePacer} is the one entry point;
 * {@link io.writebackbatch.graph.pacing.Phase} names where it is,
 * {@link io.writebackbatch.graph.pacing.PacingTuning} holds every number and why. See
 * docs/design/pacing.md.
 */
@NullMarked
package io.writebackbatch.graph.pacing;

import org.jspecify.annotations.NullMarked;

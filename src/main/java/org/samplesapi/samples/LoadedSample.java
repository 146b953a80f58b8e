package org.samplesapi.samples;

import org.samplesapi.policy.PatchContext;

/** A sample, managed by the request's session, with everything its authorization depends on. */
public record LoadedSample(Sample sample, PatchContext context) {
}

package org.samplesapi.samples;

import org.samplesapi.policy.PatchContext;

/** A sample as stored, together with the authorization context that was loaded with it in the same query. */
public record LoadedSample(SampleRow row, PatchContext context) {
}

package org.samplesapi.samples;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on what one PATCH may carry, so a single request cannot make the service do unbounded work. */
@ConfigMapping(prefix = "samples.patch")
public interface PatchLimits {

    /** Most tags one sample may carry; more get 400. */
    @WithDefault("256")
    int maxTags();
}

package org.samplesapi.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The largest request body the API accepts; larger ones are refused with 413 before anything reads them. */
@ConfigMapping(prefix = "samples.http")
public interface BodyLimits {

    @WithDefault("65536")
    int maxBodyBytes();
}

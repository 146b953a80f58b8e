package org.samplesapi.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The access log: one line per request (SAMPLES_ACCESS_LOG_ENABLED). */
@ConfigMapping(prefix = "samples.access-log")
public interface AccessLogConfig {

    @WithDefault("true")
    boolean enabled();
}

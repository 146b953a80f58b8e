package org.samplesapi.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The largest request body the API accepts; larger ones are refused with 413 before anything reads them. */
@ConfigMapping(prefix = "samples.http")
public interface BodyLimits {

    /** The route of bulk changes, whose body may name up to 10,000 samples. */
    String BULK_PATH = "/api/v1/samples/bulk_update";

    @WithDefault("65536")
    int maxBodyBytes();

    /** The limit of {@link #BULK_PATH}: 10,000 sample references fit, pretty-printed too. */
    @WithDefault("1048576")
    int maxBulkBodyBytes();

    /** Whether a request to this (normalized) path is a bulk change, with or without a trailing slash. */
    static boolean isBulk(String path) {
        return path.equals(BULK_PATH) || path.equals(BULK_PATH + "/");
    }
}

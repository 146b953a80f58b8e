package org.samplesapi.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application's Prometheus metrics, scraped from its management interface. */
public final class Metrics {

    private Metrics() {
    }

    public static String scrape() {
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** How many denials of this reason ({@code samples_authorization_denials_total}) have been counted so far. */
    public static double denials(String reason) {
        Matcher m = Pattern.compile("samples_authorization_denials_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)")
                .matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

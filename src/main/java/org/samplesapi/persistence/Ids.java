package org.samplesapi.persistence;

import java.security.SecureRandom;
import java.util.HexFormat;

/** New One Codex style identifiers: 16 lowercase hexadecimal characters, random so they cannot be enumerated. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

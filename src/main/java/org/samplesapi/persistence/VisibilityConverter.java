package org.samplesapi.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.samplesapi.policy.Visibility;

/** Stores {@link Visibility} as its wire name, which the schema's CHECK constraint also knows. */
@Converter(autoApply = true)
public class VisibilityConverter implements AttributeConverter<Visibility, String> {

    @Override
    public String convertToDatabaseColumn(Visibility visibility) {
        return visibility == null ? null : visibility.wireName();
    }

    @Override
    public Visibility convertToEntityAttribute(String value) {
        return value == null ? null : fromColumn(value);
    }

    /** A stored value; the schema's CHECK constraint makes an unknown one a bug, not bad input. */
    public static Visibility fromColumn(String value) {
        return Visibility.fromWire(value)
                .orElseThrow(() -> new IllegalStateException("Unknown visibility in database: " + value));
    }
}

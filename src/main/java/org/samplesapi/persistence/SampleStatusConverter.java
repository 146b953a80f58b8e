package org.samplesapi.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.samplesapi.policy.SampleStatus;

/** Stores {@link SampleStatus} as its wire name, which the schema's CHECK constraint also knows. */
@Converter(autoApply = true)
public class SampleStatusConverter implements AttributeConverter<SampleStatus, String> {

    @Override
    public String convertToDatabaseColumn(SampleStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public SampleStatus convertToEntityAttribute(String value) {
        return value == null ? null : fromColumn(value);
    }

    /** A stored value; the schema's CHECK constraint makes an unknown one a bug, not bad input. */
    public static SampleStatus fromColumn(String value) {
        return SampleStatus.fromWire(value)
                .orElseThrow(() -> new IllegalStateException("Unknown sample status in database: " + value));
    }
}

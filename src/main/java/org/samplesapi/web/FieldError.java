package org.samplesapi.web;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One validation problem of a request body, Potion style: where it is ({@code path}) and what is wrong. */
@RegisterForReflection
public record FieldError(List<Object> path, String message) {

    public static FieldError at(String key, String message) {
        return new FieldError(List.of(key), message);
    }

    public static FieldError at(String key, int index, String message) {
        return new FieldError(List.of(key, index), message);
    }

    public static FieldError ofBody(String message) {
        return new FieldError(List.of(), message);
    }
}

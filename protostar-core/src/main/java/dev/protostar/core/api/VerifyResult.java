package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/** @param problems each mismatch in words; empty when everything checks out */
public record VerifyResult(String app, String color, List<String> problems, long millis) implements Serializable {
    public boolean ok() {
        return problems.isEmpty();
    }
}

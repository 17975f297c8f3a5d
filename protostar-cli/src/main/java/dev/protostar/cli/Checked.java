package dev.protostar.cli;

import dev.protostar.core.spec.Arguments;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, with the engine's own rules, so a bad one
 * ends as picocli's "Invalid value for option '--image': …" (exit 2) before anything is read or sent.
 */
final class Checked {
    private Checked() {}

    private static String ok(String value, String problem) {
        if (problem != null) {
            throw new TypeConversionException(problem);
        }
        return value;
    }

    static final class SpecPath implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ok(value, Arguments.specPathProblem(value));
        }
    }

    static final class Image implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ok(value, Arguments.imageProblem(value));
        }
    }

    static final class Owner implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ok(value, Arguments.ownerProblem(value));
        }
    }

    static final class Revision implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ok(value, Arguments.revisionProblem(value));
        }
    }

    static final class RollbackTarget implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ok(value, Arguments.rollbackTargetProblem(value));
        }
    }
}

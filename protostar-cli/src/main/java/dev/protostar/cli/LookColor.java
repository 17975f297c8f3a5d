package dev.protostar.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --color} option of the commands that look inside a color's container (logs, exec). */
public final class LookColor {
    @Option(names = "--color", converter = Word.class, defaultValue = "live", paramLabel = "blue|green|live|previous",
            description = "whose container: blue, green, live (the color nginx routes to) or previous (the other one); default: ${DEFAULT-VALUE}")
    String color;

    static final class Word implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return switch (value) {
                case "blue", "green", "live", "previous" -> value;
                default -> throw new TypeConversionException("\"" + dev.protostar.core.Printable.of(value)
                        + "\" is not a color: blue, green, live or previous");
            };
        }
    }
}

package dev.protostar.core.spec;

/** A spec value that cannot be used, named by its field path and, where known, its YAML line and column. */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;
    private final int line;
    private final int column;
    private final String problem;

    public SpecException(String source, String field, int line, int column, String problem) {
        super(format(source, field, line, column, problem));
        this.source = source;
        this.field = field;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String source, String field, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "spec" : source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String source() { return source; }
    public String field() { return field; }
    /** 1-based line, or 0 when the problem has no place in the file (a missing field, an override). */
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return problem; }
}

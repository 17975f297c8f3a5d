package dev.protostar.core.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The step calls of a Jenkinsfile snippet with their named arguments, read as text: enough for the README's stages
 * ({@code step name: value, …} or {@code step(name: value, …)}, with calls such as {@code string(…)} in its arguments),
 * not a Groovy parser. Comments and the inside of strings are skipped.
 */
final class PipelineSnippet {
    /**
     * A call and its named arguments, each with its value when that is a quoted literal (else null).
     *
     * @param within the step whose arguments hold this call, or null for a step
     */
    record Call(String function, String within, Map<String, String> arguments) {}

    private enum Kind { NAME, LABEL, STRING, PUNCT, NEWLINE }

    private record Token(Kind kind, String text) {}

    private PipelineSnippet() {}

    /** Every call of a step {@code isStep} accepts, and the calls in its arguments, in order. */
    static List<Call> calls(String groovy, Predicate<String> isStep) {
        List<Token> tokens = tokens(groovy);
        List<Call> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.NAME && isStep.test(t.text())) {
                i = step(tokens, i, out);
            }
        }
        return out;
    }

    /** Reads the step call at {@code at} to the end of its statement; returns the index of its last token. */
    private static int step(List<Token> tokens, int at, List<Call> out) {
        String step = tokens.get(at).text();
        Call stepCall = new Call(step, null, new LinkedHashMap<>());
        out.add(stepCall);
        Deque<Call> owners = new ArrayDeque<>();
        owners.push(stepCall);
        int i = at + 1;
        boolean parenthesised = i < tokens.size() && tokens.get(i).text().equals("(");
        int depth = 0;
        if (parenthesised) {
            depth = 1; // step(…): the statement ends with its parenthesis
            i++;
        }
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (depth == 0 && (t.kind() == Kind.NEWLINE || t.text().equals("}") || t.text().equals(";"))) {
                return i - 1;
            }
            if (t.kind() == Kind.LABEL) {
                Token value = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                owners.peek().arguments().put(t.text(), value != null && value.kind() == Kind.STRING ? value.text() : null);
            } else if (t.kind() == Kind.NAME && i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(")) {
                Call nested = new Call(t.text(), step, new LinkedHashMap<>());
                out.add(nested);
                owners.push(nested);
                depth++;
                i++;
            } else if (t.text().equals("(") || t.text().equals("[")) {
                owners.push(owners.peek());
                depth++;
            } else if (t.text().equals(")") || t.text().equals("]")) {
                owners.pop();
                depth--;
                if (depth == 0 && parenthesised) {
                    return i;
                }
            }
        }
        return i;
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n"));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (c == '\'' || c == '"') {
                int end = stringEnd(s, i);
                out.add(new Token(Kind.STRING, s.substring(i + 1, end)));
                i = end + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
                    end++;
                }
                boolean label = end < s.length() && s.charAt(end) == ':' && !s.startsWith("::", end);
                out.add(new Token(label ? Kind.LABEL : Kind.NAME, s.substring(i, end)));
                i = label ? end + 1 : end;
            } else {
                out.add(new Token(Kind.PUNCT, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    /** The index of the quote that ends the string starting at {@code start}; a GString's ${…} may hold quotes. */
    private static int stringEnd(String s, int start) {
        char quote = s.charAt(start);
        int braces = 0;
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote == '"' && s.startsWith("${", i)) {
                braces++;
                i++;
            } else if (braces > 0 && c == '}') {
                braces--;
            } else if (braces > 0 && c == '\'') {
                i = stringEnd(s, i);
            } else if (braces == 0 && c == quote) {
                return i;
            }
        }
        throw new IllegalArgumentException("a string that does not end: " + s.substring(start, Math.min(s.length(), start + 40)));
    }
}

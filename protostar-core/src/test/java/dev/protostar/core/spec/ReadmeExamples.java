package dev.protostar.core.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's section of worked examples: each code block there follows a mark {@code <!-- example: <app> <kind> -->}
 * (kind: {@code spec} for a protostar.yml, {@code jenkinsfile} for a Pipeline stage), so that a test can find it.
 */
final class ReadmeExamples {
    static final Path README = Path.of("..", "README.md"); // tests run in the module's directory
    static final String HEADING = "## Worked examples: Next.js, NestJS, FastAPI";
    private static final Pattern MARKED = Pattern.compile(
            "<!-- example: ([a-z]+) (spec|jenkinsfile) -->\\n```(\\w*)\\n(.*?)\\n```\\n", Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("(?m)^```");

    /** One marked code block. */
    record Block(String app, String kind, String language, String text) {}

    private final Map<String, Block> blocks;
    private final int fences;

    private ReadmeExamples(Map<String, Block> blocks, int fences) {
        this.blocks = blocks;
        this.fences = fences;
    }

    static ReadmeExamples read() throws IOException {
        String readme = Files.readString(README).replace("\r\n", "\n");
        int start = readme.indexOf("\n" + HEADING + "\n");
        if (start < 0) {
            throw new IllegalStateException(README + " has no section \"" + HEADING + "\"");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, Block> blocks = new LinkedHashMap<>();
        Matcher m = MARKED.matcher(section);
        while (m.find()) {
            Block b = new Block(m.group(1), m.group(2), m.group(3), m.group(4) + "\n");
            if (blocks.put(b.app() + " " + b.kind(), b) != null) {
                throw new IllegalStateException("the README marks two blocks as example " + b.app() + " " + b.kind());
            }
        }
        int fences = 0;
        for (Matcher f = FENCE.matcher(section); f.find(); ) {
            fences++;
        }
        return new ReadmeExamples(blocks, fences);
    }

    /** Every marked block, keyed "app kind" in the README's order. */
    Map<String, Block> blocks() {
        return blocks;
    }

    /** How many code blocks the section has, marked or not. */
    int codeBlocks() {
        return fences / 2;
    }

    Block get(String app, String kind) {
        Block b = blocks.get(app + " " + kind);
        if (b == null) {
            throw new IllegalStateException("the README's worked examples have no block marked <!-- example: " + app + " " + kind + " -->");
        }
        return b;
    }
}

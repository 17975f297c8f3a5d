package dev.protostar.cli;

/** What the protostar command's exit code means; the same table is in every command's help ({@link Protostar}) and in the README. */
final class ExitCode {
    /** Done: deployed or switched and verified; verify or status found nothing wrong; lock status: not locked. */
    static final int OK = 0;
    /** It failed safely (nothing was switched, or traffic went back); verify or status found problems; lock status: locked. */
    static final int FAILED_SAFELY = 1;
    /** The command line or the spec is wrong, or the command stopped with an error before it changed anything. */
    static final int USAGE = 2;
    /** demo: something it needs is missing on this machine. */
    static final int MISSING_PREREQUISITE = 3;
    /** A deploy or switch failed and could not be made safe: look at the app now. */
    static final int UNSAFE = 4;

    /** The table for picocli's {@code exitCodeList} ("code:words"), in every command's help. */
    static final String LIST_0 = "0:done: deployed or switched and verified; verify or status found nothing wrong; lock status: not locked";
    static final String LIST_1 = "1:failed safely: nothing was switched or traffic went back; verify or status found problems; lock status: locked";
    static final String LIST_2 = "2:the command line or spec is wrong, or an error stopped the command before it changed anything";
    static final String LIST_3 = "3:demo: something it needs is missing on this machine";
    static final String LIST_4 = "4:a deploy or switch failed and could not be made safe: look at the app now";

    private ExitCode() {}

    static boolean documented(int code) {
        return code >= OK && code <= UNSAFE;
    }
}

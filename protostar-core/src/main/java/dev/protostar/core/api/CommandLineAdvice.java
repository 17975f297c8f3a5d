package dev.protostar.core.api;

/** The {@code protostar} command line's words. */
enum CommandLineAdvice implements Advice {
    INSTANCE;

    @Override
    public String switchTo(String target) {
        return "protostar switch --to " + target;
    }

    @Override
    public String deploy() {
        return "protostar deploy";
    }

    @Override
    public String status() {
        return "protostar status";
    }

    @Override
    public String releaseLock(String holder) {
        // the shell's single quotes: nothing inside is special but the quote itself
        return holder == null ? "protostar lock release"
                : "protostar lock release --holder '" + holder.replace("'", "'\\''") + "'";
    }

    @Override
    public String history() {
        return "protostar history";
    }

    @Override
    public String rollbackField() {
        return "to";
    }

    @Override
    public String specLocation() {
        return "run from the app's repository, or pass -f path/to/protostar.yml";
    }
}

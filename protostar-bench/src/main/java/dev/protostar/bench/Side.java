package dev.protostar.bench;

/** One way of doing cutovers (the engine, or the baseline script), driven the same way under the same load. */
interface Side extends AutoCloseable {
    String name();

    /** Where nginx serves this side's app. */
    String url();

    /** Deploys the first version (not measured). */
    void setUp() throws Exception;

    /** Cuts over to version {@code index + 1}. */
    Action cutover(int index) throws Exception;

    /** Goes back to the version that was live before. */
    Action rollback(int index) throws Exception;

    /** The color live now, as far as this side knows, or null. */
    default String live() {
        return null;
    }

    /** A line for the report about the side's own resources, or null. */
    default String resources() {
        return null;
    }

    @Override
    void close();
}

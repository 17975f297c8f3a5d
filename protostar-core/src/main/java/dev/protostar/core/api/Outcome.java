package dev.protostar.core.api;

public enum Outcome {
    /** The new color is live and verified. */
    SUCCEEDED,
    /** Nothing was switched: the previous color kept serving throughout. */
    FAILED_BEFORE_SWITCH,
    /** The switch happened but failed its checks, and traffic went back to the previous color. */
    SWITCHED_BACK,
    /** The outcome could not be made safe; the message says what to look at. */
    FAILED
}

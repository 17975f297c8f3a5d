package dev.protostar.core.engine.fake;

/** How a version (an image) behaves once a container runs it. */
public enum Behaviour {
    /** Answers 200, health probes and traffic alike. */
    HEALTHY,
    /** Answers every request with a 500. */
    FAILING,
    /** Exits at its first health probe, before it answers. */
    EXITS,
    /** Answers, but Docker restarts it right after its first health probe (a crash a few seconds after it answers). */
    RESTARTS_WHILE_GATED
}

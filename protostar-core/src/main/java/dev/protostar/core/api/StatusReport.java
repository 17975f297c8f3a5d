package dev.protostar.core.api;

import java.io.Serializable;
import java.util.List;

/**
 * What runs now, read from each of the app's Docker hosts. The fields before {@code hosts} are the first host's (the
 * only one, mostly), for callers that know one; {@code hosts} has every host's.
 *
 * @param live the live color, or null when nginx has no route for the app
 * @param answering what nginx answers with right now: the live color when the app itself answered from it, else what
 *     came instead (a 502, another color, no answer) in words
 * @param lockedBy the deploy lock's holder, or null
 * @param hosts each Docker host's state, in the spec's order
 * @param problems what is wrong, in words (with several hosts, each starts with its host); empty when all is well
 */
public record StatusReport(String app, String live, String endpoint, String image, String since, String deploy,
                           String answering, List<ColorState> colors, String lockedBy, List<HostState> hosts,
                           List<String> problems) implements Serializable {

    public StatusReport {
        hosts = List.copyOf(hosts);
        problems = List.copyOf(problems);
    }

    /** Nothing is wrong on any host. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One Docker host's state and what its nginx answers.
     *
     * @param host the Docker host, as the spec names it
     * @param answerStatus the HTTP status nginx answered with, 0 when it did not answer
     * @param problems what is wrong on this host, in words
     */
    public record HostState(String host, String live, String endpoint, String image, String since, String deploy,
                            String answering, int answerStatus, List<ColorState> colors, String lockedBy,
                            List<String> problems) implements Serializable {
        public HostState {
            colors = List.copyOf(colors);
            problems = List.copyOf(problems);
        }
    }

    /** @param state Docker's state ("running", "exited"…) or "absent" */
    public record ColorState(String color, String container, String state, String health, String image,
                             String endpoint, boolean live) implements Serializable {}
}

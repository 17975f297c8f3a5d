package dev.protostar.core.spec;

import java.util.Optional;

/**
 * An image reference split as Docker reads it: {@code [registry[:port]/]repository[:tag][@sha256:digest]}. The first
 * path component names a registry only when it looks like a host (a '.', a ':' or {@code localhost}), as in Docker's
 * own reference grammar; otherwise the image lives on Docker Hub (or only on this engine).
 *
 * @param registry the registry's host[:port], or null for Docker Hub's default
 * @param repository the repository, with the registry when one is named (what a repo digest starts with)
 * @param tag the tag, or null
 * @param digest {@code sha256:<hex>}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    /** Docker's key for Docker Hub in a config file's {@code auths}. */
    public static final String DOCKER_HUB = "https://index.docker.io/v1/";

    /** Splits a reference the spec or an argument already held to its character set. */
    public static ImageReference parse(String reference) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
            }
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Whether it names a registry host of its own (what {@code build.push} needs to push somewhere). */
    public boolean namesRegistry() {
        return registry != null;
    }

    /** The key of this image's registry in a Docker config file's {@code auths}. */
    public String authKey() {
        return registry == null || registry.equals("docker.io") || registry.equals("index.docker.io") ? DOCKER_HUB : registry;
    }

    /** This repository at {@code digest}: the reference every host pulls exactly the same content by. */
    public String at(String digestOfContent) {
        return repository + "@" + digestOfContent;
    }

    /** The repo digest among an image's that belongs to this repository, as {@code sha256:<hex>}. */
    public Optional<String> digestIn(java.util.List<String> repoDigests) {
        String mine = hubless(repository);
        return repoDigests.stream().filter(d -> d.indexOf('@') > 0 && hubless(d.substring(0, d.indexOf('@'))).equals(mine))
                .map(d -> d.substring(d.indexOf('@') + 1)).findFirst();
    }

    /** Docker Hub's repositories as Docker lists them: without the implicit docker.io/ and library/ prefixes. */
    private static String hubless(String repository) {
        String r = repository.startsWith("docker.io/") ? repository.substring("docker.io/".length()) : repository;
        return r.startsWith("library/") ? r.substring("library/".length()) : r;
    }

    @Override
    public String toString() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}

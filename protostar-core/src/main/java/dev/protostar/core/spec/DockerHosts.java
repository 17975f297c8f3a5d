package dev.protostar.core.spec;

import dev.protostar.core.Printable;
import dev.protostar.core.api.DockerEndpoint;
import dev.protostar.core.api.TlsMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code docker:} section: one engine ({@code host}, {@code tls}) or several ({@code hosts:}, a
 * list of the same). TLS files are read here, so a missing or unreadable one is a spec error that
 * names its field; their content is never echoed.
 */
public final class DockerHosts {
    static final Pattern HOST = Pattern.compile("unix:///[A-Za-z0-9_./-]{1,250}|tcp://(\\[[0-9a-fA-F:]{2,39}\\]|[A-Za-z0-9.-]{1,253}):\\d{1,5}");
    private static final Pattern LOOPBACK = Pattern.compile("tcp://(127\\.0\\.0\\.1|localhost|\\[::1\\]):\\d{1,5}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._/~-]{1,1000}");
    private static final int MAX_PEM = 64 * 1024;
    static final String LOCAL = "unix:///var/run/docker.sock";
    /** The PEM text of a file a check did not read. */
    private static final String NOT_READ = "";

    private DockerHosts() {}

    /** @param baseDir where the TLS files named are read from; null: they are not read, only their paths checked */
    static List<DockerEndpoint> read(SpecNode docker, Path baseDir, boolean containerRouter) {
        if (docker == null) {
            return List.of(DockerEndpoint.of(LOCAL));
        }
        List<SpecNode> many = docker.children("hosts");
        List<DockerEndpoint> out = new ArrayList<>();
        if (many.isEmpty() && docker.listed("hosts")) {
            throw docker.invalid("hosts", "lists no host; give at least one, or use host");
        }
        if (many.isEmpty()) {
            out.add(endpoint(docker, baseDir, containerRouter));
        } else {
            if (docker.string("host", null, null, null) != null || docker.child("tls") != null) {
                throw docker.invalid("hosts", "give either host (with tls) or hosts, not both");
            }
            if (!containerRouter) {
                throw docker.invalid("hosts", "several Docker hosts need router.kind: nginx-container (each host's own nginx "
                        + "in a container); nginx-host only reaches the engine on this machine");
            }
            for (SpecNode h : many) {
                DockerEndpoint e = endpoint(h, baseDir, true);
                if (out.stream().anyMatch(o -> o.host().equals(e.host()))) {
                    throw h.invalid("host", e.host() + " is listed twice");
                }
                out.add(e);
            }
        }
        docker.rejectUnknown();
        return List.copyOf(out);
    }

    private static DockerEndpoint endpoint(SpecNode n, Path baseDir, boolean containerRouter) {
        String host = n.string("host", LOCAL, HOST, "unix:///path/to/docker.sock or tcp://host:port");
        SpecNode tlsNode = n.child("tls");
        TlsMaterial tls = null;
        if (tlsNode != null) {
            if (!host.startsWith("tcp://")) {
                throw n.invalid("tls", "only applies to a tcp:// host");
            }
            tls = new TlsMaterial(pem(tlsNode, "ca", baseDir), pem(tlsNode, "cert", baseDir), pem(tlsNode, "key", baseDir));
            tlsNode.rejectUnknown();
        }
        if (host.startsWith("tcp://") && !LOOPBACK.matcher(host).matches()) {
            if (!containerRouter) {
                // The health gate and the drain look at this host's loopback, where the colors publish their ports.
                throw n.invalid("host", "with the nginx-host router the Docker engine must run on this host "
                        + "(unix:// or tcp://127.0.0.1:port); remote engines need router.kind: nginx-container");
            }
            if (tls == null) {
                throw n.invalid("tls", "is required for a remote tcp:// host: without it anyone on the network could run "
                        + "containers as root there (give ca, cert and key files)");
            }
        }
        n.rejectUnknown();
        return new DockerEndpoint(host, tls);
    }

    /**
     * The spec's rules for engines a caller names instead (a Jenkins step or global configuration):
     * a remote tcp:// engine needs TLS and nginx in a container; several engines need nginx in a container.
     *
     * @throws IllegalArgumentException saying which host breaks which rule
     */
    public static void check(List<DockerEndpoint> hosts, boolean containerRouter) {
        if (hosts.size() > 1 && !containerRouter) {
            throw new IllegalArgumentException("docker hosts: several hosts need router.kind: nginx-container in the spec");
        }
        for (DockerEndpoint h : hosts) {
            String host = h.host() == null ? "" : h.host();
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("docker host \"" + Printable.of(host)
                        + "\" is not allowed: unix:///path/to/docker.sock or tcp://host:port");
            }
            boolean remote = host.startsWith("tcp://") && !LOOPBACK.matcher(host).matches();
            if (remote && !containerRouter) {
                throw new IllegalArgumentException("docker host " + host + ": with the nginx-host router the Docker engine "
                        + "must run on this host; remote engines need router.kind: nginx-container");
            }
            if (remote && h.tls() == null) {
                throw new IllegalArgumentException("docker host " + host + ": a remote tcp:// engine needs TLS (credentials "
                        + "with a CA, client certificate and key)");
            }
        }
    }

    private static String pem(SpecNode tls, String key, Path baseDir) {
        String value = tls.string(key, null, PATH, "a file path (letters, digits, '.', '_', '/', '~', '-')");
        if (value == null) {
            throw tls.invalid(key, "is required: tls needs ca, cert and key");
        }
        if (baseDir == null) {
            return NOT_READ;
        }
        Path file = value.startsWith("~/") ? Path.of(System.getProperty("user.home"), value.substring(2)) : baseDir.resolve(value);
        try {
            if (!Files.isRegularFile(file)) {
                throw tls.invalid(key, "there is no file at " + file);
            }
            if (Files.size(file) > MAX_PEM) {
                throw tls.invalid(key, file + " is larger than 64 KiB; it is not a PEM certificate or key");
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN ")) {
                throw tls.invalid(key, file + " is not PEM (no -----BEGIN line)");
            }
            return text;
        } catch (IOException e) {
            throw tls.invalid(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}

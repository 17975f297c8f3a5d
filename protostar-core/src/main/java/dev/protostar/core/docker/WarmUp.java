package dev.protostar.core.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.util.List;

/**
 * What a Java VM's first talk with a Docker engine sets up, done ahead on a thread of its own, connecting nowhere: the
 * HTTP client with its TLS defaults (the JDK's trust store, read even for a unix socket), the client's command classes,
 * and the JSON readers of the answers a command reads first. A command-line process starts it beside its argument
 * parsing, so a second core does this work (about 0.3 s of a command's first second) while the first parses. It shares
 * nothing with the command but the VM's loaded classes and docker-java's one JSON mapper, whose readers it fills.
 */
public final class WarmUp {
    private WarmUp() {}

    /** Starts the warm-up on a daemon thread: it never holds the process up, and what fails in it is of no consequence. */
    public static void start() {
        Thread t = new Thread(WarmUp::run, "protostar-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void run() {
        try {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost("unix:///var/run/docker.sock").withDockerTlsVerify(false).build();
            try (ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
                 DockerClient client = DockerClientImpl.getInstance(config, http)) {
                client.inspectContainerCmd("warm-up");
                client.createContainerCmd("warm-up");
                client.listContainersCmd();
                client.inspectImageCmd("warm-up");
                client.copyArchiveToContainerCmd("warm-up");
                client.copyArchiveFromContainerCmd("warm-up", "/");
                ObjectMapper json = config.getObjectMapper();
                for (Class<?> answer : List.of(InspectContainerResponse.class, InspectImageResponse.class, CreateContainerResponse.class,
                        Container.class)) {
                    json.readValue("{}", answer);
                }
            }
        } catch (Exception | LinkageError e) {
            // only time is at stake: the command sets up what it needs itself
        }
    }
}

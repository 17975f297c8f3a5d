package dev.protostar.core.engine.fake;

import dev.protostar.core.docker.ColorContainer;
import dev.protostar.core.spec.Color;

/** One fake container: its name, state, restarts, address and the version it runs. */
public final class Box {
    final String id;
    final String app;
    final Color color;
    final String imageId;
    final String imageName;
    final String deployId;
    final Behaviour behaviour;
    final int port;
    String name;
    boolean running = true;
    String state = "running";
    int exitCode;
    int restarts;
    String startedAt;
    int probes;
    /** Docker's health verdict ("healthy", "unhealthy"), null without a HEALTHCHECK. */
    String health;
    String healthLog = "";

    Box(String id, String name, String app, Color color, String imageId, String imageName, String deployId, Behaviour behaviour,
        int port, String startedAt) {
        this.id = id;
        this.name = name;
        this.app = app;
        this.color = color;
        this.imageId = imageId;
        this.imageName = imageName;
        this.deployId = deployId;
        this.behaviour = behaviour;
        this.port = port;
        this.startedAt = startedAt;
    }

    public String name() {
        return name;
    }

    public boolean running() {
        return running;
    }

    public String imageId() {
        return imageId;
    }

    public String imageName() {
        return imageName;
    }

    public String deployId() {
        return deployId;
    }

    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    int status() {
        return behaviour == Behaviour.FAILING ? 500 : 200;
    }

    void exit(int code) {
        running = false;
        state = "exited";
        exitCode = code;
    }

    ColorContainer view(Color as) {
        return new ColorContainer(name, id, as, imageId, imageName, running, state, health, port, endpoint(), deployId);
    }

    @Override
    public String toString() {
        return name + "(" + state + ", " + imageName + ")";
    }
}

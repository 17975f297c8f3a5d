package dev.protostar.core.engine.fake;

import dev.protostar.core.docker.DockerException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A registry the fake worlds pull from: each pushed image under its tag and under {@code repository@digest}. */
public final class FakeRegistry {
    private final Map<String, World.Image> byReference = new HashMap<>();
    private int refusesFrom = Integer.MAX_VALUE;
    private int pulls;
    private int pushes;
    private boolean echoes;

    /** {@code repository:tag} (and its digest reference) gives an image of id {@code id}. */
    public synchronized FakeRegistry push(String repositoryAndTag, String id, Behaviour behaviour) {
        pushed(repositoryAndTag, id, behaviour);
        return this;
    }

    /** Takes an image as a push does; returns its digest reference, {@code repository@sha256:…}. */
    synchronized String pushed(String repositoryAndTag, String id, Behaviour behaviour) {
        String repository = repositoryAndTag.substring(0, repositoryAndTag.lastIndexOf(':'));
        String digest = repository + "@sha256:" + "d".repeat(48) + id.substring(id.length() - 16);
        World.Image image = new World.Image(id, repositoryAndTag, behaviour, List.of(digest));
        byReference.put(repositoryAndTag, image);
        byReference.put(digest, image);
        pushes++;
        return digest;
    }

    public synchronized int pushes() {
        return pushes;
    }

    /** Every pull after the next {@code ok} is refused, as a registry refuses bad credentials. */
    public synchronized FakeRegistry refusesAfter(int ok) {
        refusesFrom = pulls + ok + 1;
        return this;
    }

    public synchronized int pulls() {
        return pulls;
    }

    /** A refusal quotes the password it was sent, as a careless registry or proxy might. */
    public synchronized FakeRegistry echoesPassword() {
        echoes = true;
        return this;
    }

    synchronized World.Image pull(String reference, String host, String password) {
        pulls++;
        if (pulls >= refusesFrom) {
            throw new DockerException("cannot pull " + reference + " on " + host + ": unauthorized: authentication required"
                    + (echoes ? " (password " + password + ")" : ""), null);
        }
        World.Image found = byReference.get(reference);
        if (found == null) {
            throw new DockerException("cannot pull " + reference + " on " + host + ": manifest unknown", null);
        }
        return found;
    }
}

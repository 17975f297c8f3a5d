package dev.protostar.core.api;

/**
 * Who holds a deploy lock.
 *
 * @param token tells this lock from any other, also one by the same owner
 * @param machine the holder's boot and process namespace, so a process id is only compared where it means something
 * @param started when the holder's process started, so a reused process id is not taken for the holder
 */
public record LockHolder(String owner, String since, String expires, String host, long pid, String token,
                         String machine, String started) implements java.io.Serializable {
    /** "owner on host since …, lease until …" */
    public String describe() {
        return owner + " on " + host + " since " + since + " (lease until " + expires + ")";
    }
}

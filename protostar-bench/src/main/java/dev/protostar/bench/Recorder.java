package dev.protostar.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every request of one side's run, in the order they started. */
final class Recorder {
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    void add(Request r) {
        requests.add(r);
    }

    List<Request> byStart() {
        List<Request> all = new ArrayList<>(requests);
        all.sort(Comparator.comparingLong(Request::startMicros));
        return all;
    }
}

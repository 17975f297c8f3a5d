package dev.protostar.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Only a binding that 127.0.0.1 reaches counts: loopback itself or every IPv4 address. */
class PublishedPortTest {
    private static Map<ExposedPort, Ports.Binding[]> bound(String ip, String port) {
        return Map.of(ExposedPort.tcp(80), new Ports.Binding[] {new Ports.Binding(ip, port)});
    }

    @Test
    void loopbackAndAllAddressesAreReachedFromHere() {
        assertEquals(OptionalInt.of(18080), PublishedPort.onLoopback(bound("127.0.0.1", "18080"), 80));
        assertEquals(OptionalInt.of(18081), PublishedPort.onLoopback(bound("0.0.0.0", "18081"), 80));
        assertEquals(OptionalInt.of(18082), PublishedPort.onLoopback(bound(null, "18082"), 80));
    }

    @Test
    void otherAddressesOtherPortsAndNoBindingAreNot() {
        assertEquals(OptionalInt.empty(), PublishedPort.onLoopback(bound("192.168.1.5", "18080"), 80));
        assertEquals(OptionalInt.empty(), PublishedPort.onLoopback(bound("::", "18080"), 80));
        assertEquals(OptionalInt.empty(), PublishedPort.onLoopback(bound("127.0.0.1", "18080"), 8080));
        assertEquals(OptionalInt.empty(), PublishedPort.onLoopback(bound("127.0.0.1", "18080-18090"), 80));
        assertEquals(OptionalInt.empty(), PublishedPort.onLoopback(null, 80));
        assertEquals(OptionalInt.empty(), PublishedPort.onLoopback(Map.of(ExposedPort.tcp(80), new Ports.Binding[0]), 80));
    }
}

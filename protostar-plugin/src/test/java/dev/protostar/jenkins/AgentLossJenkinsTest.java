package dev.protostar.jenkins;

import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** An agent that drops while the engine waits on Docker: the build log ends in words, not a remoting stack trace. */
@WithJenkins
class AgentLossJenkinsTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @TempDir
    Path ws;

    @Test
    void aDroppedAgentEndsTheLogInWords(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        Path socket = ws.resolve("silent.sock"); // a Docker engine that takes connections and never answers
        List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            accept.setDaemon(true);
            accept.start();
            Files.writeString(ws.resolve("protostar.yml"), "app: nest\nport: 3000\nrouter: { listen: 127.0.0.1:18081 }\n"
                    + "docker:\n  host: unix://" + socket + "\n");
            WorkflowJob p = r.createProject(WorkflowJob.class);
            p.setDefinition(new CpsFlowDefinition("node('remote') { ws('%s') { protostarDeploy image: 'nest:1' } }".formatted(ws), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("[protostar nest] ▸ lock", b);
            agent.toComputer().disconnect(null);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("was lost while the engine ran there", b);
            r.assertLogContains("taken over at once by the next deploy from the same machine", b);
            r.assertLogNotContains("RequestAbortedException", b);
        } finally {
            for (SocketChannel c : held) {
                c.close();
            }
        }
    }
}

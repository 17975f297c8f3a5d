package dev.protostar.cli;

import dev.protostar.core.api.DeployRequest;
import dev.protostar.core.engine.Engine;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", description = "Build, start the idle color, gate it, switch nginx, verify, retire the old color.")
final class DeployCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    Output output;

    @Option(names = "--image", converter = Checked.Image.class, description = "deploy this image instead of building: on the engine, or in a registry by tag or @sha256: digest (pulled where missing, with the Docker config's auths)")
    String image;

    @Option(names = "--owner", converter = Checked.Owner.class, description = "who deploys (default: $PROTOSTAR_OWNER or user@host)")
    String owner;

    @Option(names = "--revision", converter = Checked.Revision.class, description = "source revision to label the image with")
    String revision;

    @Option(names = {"-v", "--verbose"}, description = "show the image build output (the hooks' output is shown always)")
    boolean verbose;

    @Override
    public Integer call() {
        Progress progress = output.progress(verbose);
        var result = Engine.deploy(new DeployRequest(spec.path(), image, Owner.current(owner), revision, List.of(), null,
                Invocation.current().environment()), progress);
        progress.total();
        return output.json(result, Report.print(result, output.words(result.ok())));
    }
}

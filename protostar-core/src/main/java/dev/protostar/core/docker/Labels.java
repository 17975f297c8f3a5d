package dev.protostar.core.docker;

/** The labels Protostar puts on the images and containers it makes; the host's own record of what runs. */
public final class Labels {
    public static final String APP = "dev.protostar.app";
    public static final String COLOR = "dev.protostar.color";
    public static final String IMAGE = "dev.protostar.image";
    public static final String DEPLOY = "dev.protostar.deploy";
    public static final String REVISION = "dev.protostar.revision";
    /** On a hook's one-off container: the hook's field path, like hooks.beforeSwitch[0]. */
    public static final String HOOK = "dev.protostar.hook";

    private Labels() {}
}

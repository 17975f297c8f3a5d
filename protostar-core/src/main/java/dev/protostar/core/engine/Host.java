package dev.protostar.core.engine;

import dev.protostar.core.docker.ColorContainers;
import dev.protostar.core.docker.ImageStore;
import dev.protostar.core.docker.OneOffs;
import dev.protostar.core.router.Router;
import dev.protostar.core.state.AppHistory;
import dev.protostar.core.state.AppJournal;
import dev.protostar.core.state.AppLocks;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What one Docker host offers a command: the colors' containers, the images, the router in front of them,
 * the app's lock and history.
 *
 * @param oneOffs the app's one-off containers (its hooks)
 *
 * @param history a view of the app's history; the views of one host share what its command read under the lock
 * @param journal a view of the app's journal (the intent of a command under way), sharing the same
 * @param crashPoints hears each named step of a change as it is reached (see {@link dev.protostar.core.CrashPoint})
 * @param clock how time passes for the command's waits
 * @param disconnect closes what the host holds open
 */
record Host(ColorContainers containers, ImageStore images, OneOffs oneOffs, Router router, AppLocks locks, Supplier<AppHistory> history, Supplier<AppJournal> journal,
            Consumer<String> crashPoints, Clock clock, Runnable disconnect) {}

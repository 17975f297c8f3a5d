package dev.protostar.core.engine;

import dev.protostar.core.Printable;
import dev.protostar.core.api.Advice;
import dev.protostar.core.api.HistoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which version a rollback goes back to, read from the app's history (oldest first): a deploy id, a tag, a digest (the
 * image's id, or the repo digest a registry gave it), or
 * with none the version before the live one. Only an entry that left its image serving is a version
 * ({@link HistoryEntry#servedItsImage()}); the version before the live one is the newest version with another image that came
 * before the entry that made the live image live (so a rollback without a target after a rollback goes forward again).
 * A tag or digest that several entries ran names the newest of them when they
 * all ran one image; when they ran different images (a tag that was moved) it is refused, naming their ids, since
 * guessing which one was meant could put the wrong version live. No I/O here.
 */
record RollbackTarget(HistoryEntry entry, String how) {
    private static final Pattern DIGEST = Pattern.compile("(?:.*@)?(sha256:[a-f0-9]{12,64})|([a-f0-9]{12,64})");
    /** The version before the live one, as {@code switch} names the color before the live one. */
    static final String PREVIOUS = "previous";
    private static final Pattern DEPLOY_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4,}");

    /** Why a rollback cannot go back to what was asked, naming the field ({@code to}). */
    static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message);
        }
    }

    String imageId() {
        return entry.imageId();
    }

    /**
     * @param to a deploy id, a tag ({@code name:tag} or only {@code tag}), a digest ({@code sha256:…}, its first 12 or more hex
     *     digits, or {@code name@sha256:…}); null or {@code previous} for the version before {@code liveImageId} (a tag named
     *     previous is written with its name, {@code app:previous})
     * @param liveImageId the image nginx routes to now, or null when none is known (then the newest version is taken as live)
     */
    static RollbackTarget resolve(String app, String to, List<HistoryEntry> oldestFirst, String liveImageId) {
        return resolve(app, to, oldestFirst, liveImageId, Advice.COMMAND_LINE);
    }

    /** @param advice names the field and what lists the history, in the caller's words */
    static RollbackTarget resolve(String app, String to, List<HistoryEntry> oldestFirst, String liveImageId, Advice advice) {
        try {
            return resolve(app, to, oldestFirst, liveImageId, advice.history());
        } catch (Unresolved e) {
            throw new Unresolved(advice.rollbackField() + e.getMessage().substring(2));
        }
    }

    private static RollbackTarget resolve(String app, String to, List<HistoryEntry> oldestFirst, String liveImageId, String history) {
        List<HistoryEntry> versions = oldestFirst.stream().filter(HistoryEntry::servedItsImage).toList();
        if (to == null || PREVIOUS.equals(to)) {
            return previous(app, versions, liveImageId);
        }
        Optional<HistoryEntry> byId = newest(oldestFirst.stream().filter(e -> to.equals(e.id())).toList());
        if (byId.isPresent()) {
            HistoryEntry e = byId.get();
            if (!e.servedItsImage()) {
                throw new Unresolved("to: " + e.action() + " " + e.id() + " never served" + (e.imageId() == null ? " an image" : " "
                        + shown(e)) + " (" + words(e.outcome()) + "), so there is no version of it to go back to; pick one that "
                        + "succeeded from " + history);
            }
            return new RollbackTarget(e, e.action() + " " + e.id());
        }
        var digest = DIGEST.matcher(to);
        if (digest.matches()) {
            String hex = (digest.group(1) != null ? digest.group(1) : digest.group(2)).replace("sha256:", "");
            List<HistoryEntry> found = versions.stream().filter(e -> hex(e.imageId()).startsWith(hex) || registryHex(e).startsWith(hex))
                    .toList();
            if (!found.isEmpty() || digest.group(1) != null) {
                return one(app, to, "digest", found, history);
            }
        }
        List<HistoryEntry> found = versions.stream().filter(e -> tagMatches(e.imageName(), to)).toList();
        if (found.isEmpty() && DEPLOY_ID.matcher(to).matches()) {
            throw new Unresolved("to: no deploy, switch or rollback with id " + to + " in the history of " + app
                    + " (" + history + " lists the ids)");
        }
        return one(app, to, "tag", found, history);
    }

    private static RollbackTarget previous(String app, List<HistoryEntry> versions, String liveImageId) {
        if (versions.isEmpty()) {
            throw new Unresolved("to: the history of " + app + " holds no version that served, so there is nothing to roll back to; "
                    + "deploy first");
        }
        String live = liveImageId != null ? liveImageId : versions.get(versions.size() - 1).imageId();
        // from the entry that made the live image live (a route changed by hand: from the newest)
        int madeLive = versions.size();
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).imageId().equals(live)) {
                madeLive = i;
                break;
            }
        }
        for (int i = madeLive - 1; i >= 0; i--) {
            if (!versions.get(i).imageId().equals(live)) {
                HistoryEntry e = versions.get(i);
                return new RollbackTarget(e, "the version before the live one, " + e.action() + " " + e.id());
            }
        }
        throw new Unresolved("to: every version in the history of " + app + " ran the image that is live now (" + shortId(live)
                + "), so there is no earlier one to roll back to");
    }

    private static RollbackTarget one(String app, String to, String kind, List<HistoryEntry> found, String history) {
        if (found.isEmpty()) {
            throw new Unresolved("to: no version in the history of " + app + " has the " + kind + " \"" + Printable.of(to)
                    + "\" (a deploy id, a tag or a digest from " + history + ")");
        }
        Map<String, HistoryEntry> newestPerImage = new LinkedHashMap<>();
        found.forEach(e -> newestPerImage.put(e.imageId(), e));
        if (newestPerImage.size() > 1) {
            List<String> each = new ArrayList<>();
            newestPerImage.values().forEach(e -> each.add(e.id() + " ran " + shown(e)));
            throw new Unresolved("to: the " + kind + " \"" + Printable.of(to) + "\" matches " + newestPerImage.size()
                    + " different images in the history of " + app + " (" + String.join("; ", each)
                    + "); name one by its deploy id");
        }
        HistoryEntry e = found.get(found.size() - 1);
        return new RollbackTarget(e, kind + " " + to + ", as " + e.action() + " " + e.id() + " ran it");
    }

    private static Optional<HistoryEntry> newest(List<HistoryEntry> entries) {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** {@code name:tag} matches itself; a bare {@code tag} matches the tag part of any name. */
    static boolean tagMatches(String imageName, String to) {
        if (imageName == null) {
            return false;
        }
        if (imageName.equals(to)) {
            return true;
        }
        int slash = imageName.lastIndexOf('/');
        int colon = imageName.lastIndexOf(':');
        return colon > slash && !to.contains(":") && imageName.substring(colon + 1).equals(to);
    }

    /** The hex of the repo digest a registry gave the entry's image (what {@code docker pull …@sha256:} names), or "". */
    private static String registryHex(HistoryEntry e) {
        return e.imageDigest() == null ? "" : hex(e.imageDigest().substring(e.imageDigest().indexOf('@') + 1));
    }

    private static String hex(String imageId) {
        return imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
    }

    static String shortId(String imageId) {
        return imageId == null ? "?" : Deploy.shortId(imageId);
    }

    static String shown(HistoryEntry e) {
        return (e.imageName() == null ? "" : e.imageName() + " ") + "(" + shortId(e.imageId()) + ")";
    }

    private static String words(String outcome) {
        return outcome == null ? "no outcome recorded" : switch (outcome) {
            case "FAILED_BEFORE_SWITCH" -> "not switched";
            case "SWITCHED_BACK" -> "switched back";
            case "FAILED" -> "failed";
            default -> outcome.toLowerCase(java.util.Locale.ROOT);
        };
    }
}

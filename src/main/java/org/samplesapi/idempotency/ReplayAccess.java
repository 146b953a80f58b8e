package org.samplesapi.idempotency;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.samplesapi.policy.Caller;
import org.samplesapi.projects.ProjectService;
import org.samplesapi.users.UserService;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Whether a stored answer may be replayed to its caller as they are now: a replay must not name a sample, project or
 * user that the caller could not read today (they may have lost access since the first answer). Each object the answer
 * references is checked by the same rules as its GET.
 */
@ApplicationScoped
public class ReplayAccess {

    private static final Pattern REFERENCE = Pattern.compile("/api/v1/(samples|projects|users)/([0-9a-f]{16})\\b");

    private final IdempotencyKeys keys;
    private final ProjectService projects;
    private final UserService users;

    public ReplayAccess(IdempotencyKeys keys, ProjectService projects, UserService users) {
        this.keys = keys;
        this.projects = projects;
        this.users = users;
    }

    public Uni<Boolean> mayReplay(Caller caller, String body) {
        if (body == null) {
            return Uni.createFrom().item(true);
        }
        Set<String> samples = new LinkedHashSet<>();
        Set<String> projectIds = new LinkedHashSet<>();
        Set<String> userIds = new LinkedHashSet<>();
        Matcher reference = REFERENCE.matcher(body);
        while (reference.find()) {
            (switch (reference.group(1)) {
                case "samples" -> samples;
                case "projects" -> projectIds;
                default -> userIds;
            }).add(reference.group(2));
        }
        userIds.remove(caller.userId());
        Uni<Boolean> samplesReadable = samples.isEmpty() ? Uni.createFrom().item(true)
                : keys.readableSamples(caller, samples).map(readable -> readable == samples.size());
        return samplesReadable
                .chain(readable -> readable ? allVisible(projectIds, id -> projects.isVisible(caller, id))
                        : Uni.createFrom().item(false))
                .chain(visible -> visible ? allVisible(userIds, id -> users.isVisible(caller, id))
                        : Uni.createFrom().item(false));
    }

    /** One lookup after another: they share the request's session. */
    private static Uni<Boolean> allVisible(Set<String> ids, Function<String, Uni<Boolean>> visible) {
        return Multi.createFrom().iterable(ids).onItem().<Boolean>transformToUniAndConcatenate(visible::apply)
                .collect().asList().map(found -> !found.contains(false));
    }
}

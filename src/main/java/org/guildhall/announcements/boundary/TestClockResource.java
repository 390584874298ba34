package org.guildhall.announcements.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.platform.control.Clock;

/**
 * Tests drive the portal clock through here instead of sleeping until an announcement's
 * publish-at or expires-at. Off unless the server starts with {@code guildhall.test.clock=true}
 * (the integration tests do; production never should), and even then only for administrators:
 * everybody else gets the 404 of a path that does not exist. It lives with announcements, the
 * component whose times it moves, because the platform cannot know who is an administrator.
 */
@Path("test/clock")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TestClockResource {

    @Inject
    @ConfigProperty(name = "guildhall.test.clock", defaultValue = "false")
    String enabled;

    @Inject
    Clock clock;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(hidden = true)
    public Now now() {
        require();
        return new Now(clock.now(), clock.offset().toSeconds());
    }

    @POST
    @Operation(hidden = true)
    public Now advance(@QueryParam("seconds") long seconds) {
        require();
        clock.advance(Duration.ofSeconds(seconds));
        return now();
    }

    @DELETE
    @Operation(hidden = true)
    public Now reset() {
        require();
        clock.reset();
        return now();
    }

    private void require() {
        if (!Boolean.parseBoolean(enabled) || !currentAccount.isAdmin()) {
            throw new NotFoundException();
        }
    }

    /** The portal's time and how far it is from real time. */
    public record Now(Instant now, long offsetSeconds) {
    }
}

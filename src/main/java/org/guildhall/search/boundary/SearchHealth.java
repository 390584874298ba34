package org.guildhall.search.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.guildhall.search.control.IndexStatus;
import org.guildhall.search.control.SearchIndex;

/** The index in the health output: up while it answers, rebuilding included (it answers from what is there). */
@Readiness
@ApplicationScoped
public class SearchHealth implements HealthCheck {

    @Inject
    SearchIndex index;

    @Override
    public HealthCheckResponse call() {
        IndexStatus status = index.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("search-index")
                .status(status.state() != IndexStatus.State.UNAVAILABLE && status.state() != IndexStatus.State.STARTING)
                .withData("state", status.state().name())
                .withData("entries", status.entries())
                .withData("lastCommitSeq", status.lastCommitSeq());
        if (status.lastCommitAt() != null) {
            response.withData("lastCommitAt", status.lastCommitAt().toString());
        }
        if (status.lastRepairAt() != null) {
            response.withData("lastRepairAt", status.lastRepairAt().toString());
            response.withData("lastRepair", status.lastRepair());
        }
        if (status.rebuilding()) {
            response.withData("rebuildPercent", status.rebuildPercent());
        }
        return response.build();
    }
}

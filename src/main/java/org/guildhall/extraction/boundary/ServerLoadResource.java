package org.guildhall.extraction.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.extraction.control.ExtractionQueue;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.platform.boundary.ApiErrors;

/**
 * What hostile files cost the server, for administrators: its heap after the last garbage
 * collection, its threads, and the extraction processes it has forked. Payara Micro 7 serves
 * no MicroProfile Metrics (MicroProfile 7 dropped them) and its health output holds no memory
 * figures, so this is the JMX-free way to see that a zip bomb cost one child and not the server.
 * It lives in extraction because the children are extraction's; the figures are the JVM's.
 */
@Path("admin/server-load")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = "token")
public class ServerLoadResource {

    private static final long MB = 1024 * 1024;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    ExtractionQueue queue;

    @GET
    @Operation(summary = "Heap after the last collection, threads, forked extraction processes of this node, and unfinished extractions")
    public ServerLoad load() {
        if (!currentAccount.isLoggedIn()) {
            throw new WebApplicationException(ApiErrors.body(401, "Send a personal API token."));
        }
        if (!currentAccount.isAdmin()) {
            throw new WebApplicationException(ApiErrors.body(403, "Only administrators see the server's load."));
        }
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            // usage after the last collection: what is really live, unlike the ever-changing current use
            MemoryUsage collected = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && collected != null) {
                afterGc += collected.getUsed();
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
        return new ServerLoad(afterGc / MB, heap.getUsed() / MB, heap.getMax() / MB,
                ManagementFactory.getThreadMXBean().getThreadCount(), children, queue.unfinished());
    }

    /** Figures of this JVM; megabytes are MiB. Extraction jobs not finished are counted over all nodes. */
    public record ServerLoad(long heapAfterLastGcMb, long heapUsedMb, long heapMaxMb, int threads, long childProcesses,
            long extractionsUnfinished) {
    }
}

package org.guildhall.search.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.documents.control.DocumentChanged;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.extraction.control.ExtractionQueue;
import org.guildhall.extraction.control.TextExtracted;
import org.guildhall.extraction.entity.ExtractedPart;
import org.guildhall.platform.control.DataFolder;

/**
 * The one Lucene index of this node, under {@code data/index}: one writer, opened at start-up
 * (and filled from the database when it was never built), kept current by the owners' events
 * after their transactions commit, refreshed at once so a change is findable immediately.
 *
 * <p>Not yet built (issue 4): the database change sequence and replay after a crash, the
 * periodic consistency check, rebuild on corruption with progress, announcements.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    /** Commit marker until the database keeps a change sequence: "built from the database at least once". */
    private static final long BUILT = 1;

    @Inject
    DataFolder dataFolder;

    @Inject
    ExtractionQueue extraction;

    @PersistenceContext
    EntityManager em;

    private IndexSearch index;

    // after the schema migration and the demo content (priorities 1 and 300)
    @Transactional
    void open(@Observes @Priority(400) Startup startup) {
        try {
            index = IndexSearch.open(dataFolder.folder("index"));
            if (index.lastCommittedSequence() < BUILT) {
                int count = 0;
                for (Long id : em.createQuery("select d.id from Document d where d.deletedAt is null", Long.class).getResultList()) {
                    write(id);
                    count++;
                }
                index.commit(BUILT);
                index.refresh();
                LOG.log(Level.INFO, "Search index built from the database: {0} document(s)", count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dataFolder.folder("index"), e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void extracted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TextExtracted event) {
        update(event.documentId());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) DocumentChanged event) {
        update(event.documentId());
    }

    private void update(long documentId) {
        try {
            write(documentId);
            index.refresh();
        } catch (IOException | RuntimeException e) {
            // the database keeps the truth; the consistency check (issue 4) will repair this entry
            LOG.log(Level.WARNING, "Could not update document " + documentId + " in the search index", e);
        }
    }

    private void write(long documentId) throws IOException {
        Document document = em.find(Document.class, documentId);
        String id = SearchDocument.documentId(documentId);
        if (document == null || document.isDeleted() || document.getCurrent() == null) {
            index.delete(id);
            return;
        }
        DocumentVersion current = document.getCurrent();
        List<SearchDocument.Part> parts = new ArrayList<>();
        for (ExtractedPart part : extraction.partsOf(current.getId())) {
            parts.add(new SearchDocument.Part(part.getPath(), part.getContent()));
        }
        index.index(new SearchDocument(id, SearchDocument.Kind.DOCUMENT, document.getGroup().getId(), document.getGroup().getSlug(),
                document.getTitle(), parts, current.getFileName(), List.copyOf(document.getTags()), current.getAuthor(),
                DocumentTypes.kind(current.getMediaType()), document.getUpdatedAt(), current.getNumber()));
    }

    /** A page of hits among the given groups only. */
    public SearchResult search(String query, Set<Long> readableGroups, SortOrder sort, int page, int size) {
        try {
            return index.search(new SearchQueryParser().parse(query), readableGroups, Map.of(), sort, page, size);
        } catch (IOException e) {
            throw new UncheckedIOException("The search index cannot be read", e);
        }
    }

    public ParsedQuery understood(String query) {
        return new SearchQueryParser().parse(query);
    }

    @PreDestroy
    void close() {
        if (index != null) {
            try {
                index.commit(BUILT);
                index.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Closing the search index", e);
            }
        }
    }
}

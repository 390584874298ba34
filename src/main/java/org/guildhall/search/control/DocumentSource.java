package org.guildhall.search.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentEntry;
import org.guildhall.extraction.control.ExtractionQueue;
import org.guildhall.platform.entity.ContentChange;

/** Documents as the index holds them: the current version's stored text, never Tika again. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class DocumentSource implements IndexSource {

    @PersistenceContext
    EntityManager em;

    @Inject
    ExtractionQueue extraction;

    @Override
    public ContentChange.Kind kind() {
        return ContentChange.Kind.DOCUMENT;
    }

    @Override
    public String entryId(long entityId) {
        return SearchDocument.documentId(entityId);
    }

    /**
     * Reads only the columns an entry holds, in three named queries (document with its current version, tags, and the text through
     * {@link ExtractionQueue#partsOf}). Loading the
     * {@link Document} entity instead fetched its group, creator, tags and every version with their uploaders as managed
     * objects: about six queries and a unit of work per entry, 7.5 % of the server's samples while ingesting the corpus (issue 6;
     * these three: 3.3-3.8 %). A rebuild reads every document this way.
     */
    @Override
    public Optional<SearchDocument> read(long documentId) {
        // no getSingleResult: a deleted or version-less document is no row, not an exception
        List<DocumentEntry> entries = em.createNamedQuery(Document.ENTRY, DocumentEntry.class).setParameter("document", documentId)
                .getResultList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        DocumentEntry newest = entries.get(0);
        // sorted, as the entity's TreeSet gives them
        List<String> tags = em.createNamedQuery(Document.TAGS, String.class).setParameter("document", documentId).getResultList();
        List<SearchDocument.Part> parts = extraction.partsOf(newest.versionId()).stream()
                .map(part -> new SearchDocument.Part(part.path(), part.text())).toList();
        return Optional.of(new SearchDocument(entryId(documentId), SearchDocument.Kind.DOCUMENT, newest.groupId(), newest.groupSlug(),
                newest.title(), parts, newest.fileName(), tags, newest.author(), DocumentTypes.kind(newest.mediaType()),
                newest.updatedAt(), newest.number()));
    }

    @Override
    public List<Live> live() {
        return em.createQuery("select d.id, d.group.id from Document d where d.deletedAt is null"
                        + " and exists (select v.id from DocumentVersion v where v.document = d)", Object[].class)
                .getResultStream().map(row -> new Live((Long) row[0], (Long) row[1])).toList();
    }
}

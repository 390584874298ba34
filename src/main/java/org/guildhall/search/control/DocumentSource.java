package org.guildhall.search.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.extraction.control.ExtractionQueue;
import org.guildhall.extraction.entity.ExtractedPart;
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

    @Override
    public Optional<SearchDocument> read(long documentId) {
        Document document = em.find(Document.class, documentId);
        if (document == null || document.isDeleted() || document.getCurrent() == null) {
            return Optional.empty();
        }
        DocumentVersion current = document.getCurrent();
        List<SearchDocument.Part> parts = new ArrayList<>();
        for (ExtractedPart part : extraction.partsOf(current.getId())) {
            parts.add(new SearchDocument.Part(part.getPath(), part.getContent()));
        }
        return Optional.of(new SearchDocument(entryId(documentId), SearchDocument.Kind.DOCUMENT, document.getGroup().getId(),
                document.getGroup().getSlug(), document.getTitle(), parts, current.getFileName(), List.copyOf(document.getTags()),
                current.getAuthor(), DocumentTypes.kind(current.getMediaType()), document.getUpdatedAt(), current.getNumber()));
    }

    @Override
    public List<Live> live() {
        return em.createQuery("select d.id, d.group.id from Document d where d.deletedAt is null"
                        + " and exists (select v.id from DocumentVersion v where v.document = d)", Object[].class)
                .getResultStream().map(row -> new Live((Long) row[0], (Long) row[1])).toList();
    }
}

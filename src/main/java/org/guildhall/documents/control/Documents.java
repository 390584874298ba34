package org.guildhall.documents.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.platform.control.ContentChanges;
import org.guildhall.platform.entity.ContentChange;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.groups.control.GroupAccess.Action;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.groups.entity.Group;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.Caller;

/**
 * What callers do with documents, each operation authorised through {@link GroupAccess}
 * first. A document the caller may not read is {@link DocumentNotFound}, exactly as one that
 * never existed; so is a trashed one, except for those who may restore it.
 */
@ApplicationScoped
@Transactional
public class Documents {

    @PersistenceContext
    EntityManager em;

    @Inject
    Groups groups;

    @Inject
    GroupAccess access;

    @Inject
    BlobStore blobs;

    @Inject
    Event<VersionStored> versionStored;

    @Inject
    Event<ExtractionRetry> extractionRetry;

    @Inject
    Event<BlobsReleased> blobsReleased;

    @Inject
    ContentChanges changes;

    @Inject
    @ConfigProperty(name = "guildhall.trash.days", defaultValue = "30")
    int trashDays;

    /** The group, if the caller may upload to it: checked before a single byte is staged. */
    public Group requireUpload(Caller caller, String slug) {
        return groups.readableFor(caller, slug, Action.UPLOAD, caller.isAnonymous() ? "Log in to upload documents."
                : "Only this group's committee can upload documents here.");
    }

    /** Records a staged upload as a new document; the staged file becomes (or joins) its blob. */
    public Stored store(Caller caller, String slug, StagedFile staged, String title, String description, Collection<String> tags) {
        return storeAll(caller, slug, List.of(staged), title, description, tags).getFirst();
    }

    /**
     * Records several staged uploads as new documents, all or none: one permission check and one
     * commit for the lot instead of one per file. A request's transaction and commit were a third
     * of the server's work per uploaded document (issue 6).
     *
     * @param title for each document, or null for the file names
     */
    public List<Stored> storeAll(Caller caller, String slug, List<StagedFile> files, String title, String description,
            Collection<String> tags) {
        Group group = requireUpload(caller, slug);
        Account uploader = em.find(Account.class, caller.accountId());
        List<Long> readable = access.readableGroupIds(caller);
        boolean titled = title != null && !title.isBlank();
        List<Stored> stored = new ArrayList<>(files.size());
        for (StagedFile staged : files) {
            Document document = new Document(group, titled ? clip(title.strip(), 300) : staged.fileName(), titled,
                    blankToNull(description), Tags.clean(tags), uploader, DocumentTypes.kind(staged.mediaType()));
            em.persist(document);
            stored.add(addVersion(readable, document, staged, uploader));
        }
        return stored;
    }

    /** A new version of an existing document, which becomes the one shown and searched. */
    public Stored storeVersion(Caller caller, long documentId, StagedFile staged) {
        Document document = editable(caller, documentId);
        // two versions arriving at once would both take number max + 1
        em.lock(document, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return addVersion(access.readableGroupIds(caller), document, staged, em.find(Account.class, caller.accountId()));
    }

    /** @param readable the uploader's readable groups, where a copy of the same bytes is worth mentioning */
    private Stored addVersion(List<Long> readable, Document document, StagedFile staged, Account uploader) {
        List<Document> sameContent = sameContent(readable, staged.sha256(), document.getId());
        int number = document.getVersions().stream().mapToInt(DocumentVersion::getNumber).max().orElse(0) + 1;
        blobs.put(staged.file(), staged.sha256());
        DocumentVersion version = new DocumentVersion(document, number, staged.sha256(), staged.size(), staged.mediaType(), staged.fileName(), uploader);
        em.persist(version);
        document.versionAdded(version, DocumentTypes.kind(staged.mediaType()));
        em.flush();
        versionStored.fire(new VersionStored(version.getId()));
        changes.recordAddition(ContentChange.Kind.DOCUMENT, version.getDocument().getId());
        return new Stored(document, version, sameContent);
    }

    /** Documents with these exact bytes in the given groups (not counting the one being uploaded to). */
    private List<Document> sameContent(List<Long> readable, String sha256, Long exceptDocument) {
        if (readable.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select distinct v.document from DocumentVersion v where v.sha256 = :sha"
                        + " and v.document.group.id in :groups and v.document.deletedAt is null", Document.class)
                .setParameter("sha", sha256).setParameter("groups", readable)
                .getResultStream().filter(d -> !d.getId().equals(exceptDocument)).limit(5).toList();
    }

    public Document readable(Caller caller, long id) {
        Document document = em.find(Document.class, id);
        if (document == null || !access.may(caller, Action.READ, document.getGroup())
                || (document.isDeleted() && !access.may(caller, Action.MANAGE, document.getGroup()))) {
            throw new DocumentNotFound();
        }
        return document;
    }

    public DocumentVersion readableVersion(Caller caller, long versionId) {
        DocumentVersion version = em.find(DocumentVersion.class, versionId);
        if (version == null) {
            throw new DocumentNotFound();
        }
        readable(caller, version.getDocument().getId());
        return version;
    }

    public Optional<DocumentVersion> version(Document document, int number) {
        return document.getVersions().stream().filter(v -> v.getNumber() == number).findFirst();
    }

    public DocumentList list(Caller caller, String slug, DocumentQuery query) {
        Group group = groups.readable(caller, slug);
        String where = " from Document d where d.group = :group and d.deletedAt is null"
                + (query.tag() != null ? " and :tag member of d.tags" : "")
                + (query.kind() != null ? " and d.kind = :kind" : "");
        String order = switch (query.sort()) {
            case TITLE -> "d.title";
            case DATE -> "d.updatedAt";
            case TYPE -> "d.kind";
        } + (query.descending() ? " desc" : " asc") + ", d.id desc";
        TypedQuery<Document> page = em.createQuery("select d" + where + " order by " + order, Document.class);
        TypedQuery<Long> count = em.createQuery("select count(d)" + where, Long.class);
        for (TypedQuery<?> q : List.of(page, count)) {
            q.setParameter("group", group);
            if (query.tag() != null) {
                q.setParameter("tag", query.tag());
            }
            if (query.kind() != null) {
                q.setParameter("kind", query.kind());
            }
        }
        List<Document> documents = page.setFirstResult(query.page() * query.size()).setMaxResults(query.size()).getResultList();
        return new DocumentList(documents, count.getSingleResult(), query.page(), query.size());
    }

    /** The group's tags in use, for the list's filter. */
    public List<String> tagsOf(Caller caller, String slug) {
        Group group = groups.readable(caller, slug);
        // sorted here: EclipseLink 5.0.0-B08 fails on "distinct … order by" over an element collection
        return em.createQuery("select distinct t from Document d join d.tags t where d.group = :group and d.deletedAt is null", String.class)
                .setParameter("group", group).getResultStream().sorted().toList();
    }

    public List<Document> trash(Caller caller, String slug) {
        Group group = groups.readable(caller, slug);
        if (!access.may(caller, Action.MANAGE, group)) {
            return List.of();
        }
        return em.createQuery("select d from Document d where d.group = :group and d.deletedAt is not null order by d.deletedAt desc", Document.class)
                .setParameter("group", group).getResultList();
    }

    public Document update(Caller caller, long id, String title, String description, Collection<String> tags) {
        Document document = editable(caller, id);
        if (title != null && !title.isBlank()) {
            document.setTitle(clip(title.strip(), 300), true);
        }
        if (description != null) {
            document.setDescription(blankToNull(description));
        }
        if (tags != null) {
            document.setTags(Tags.clean(tags));
        }
        document.touch();
        changes.record(ContentChange.Kind.DOCUMENT, document.getId());
        return document;
    }

    /** Moves a document to the group's trash. */
    public void delete(Caller caller, long id) {
        editable(caller, id).delete(Instant.now());
        changes.record(ContentChange.Kind.DOCUMENT, id);
    }

    public void restore(Caller caller, long id) {
        Document document = readable(caller, id);
        requireManage(caller, document);
        if (!document.isDeleted()) {
            return;
        }
        if (document.getDeletedAt().plus(Duration.ofDays(trashDays)).isBefore(Instant.now())) {
            throw new DocumentException("This document was deleted more than " + trashDays + " days ago and can no longer be restored.");
        }
        document.restore();
        changes.record(ContentChange.Kind.DOCUMENT, id);
    }

    /** Deletes a trashed document for good, and each of its blobs that no other version uses. */
    public void purge(Caller caller, long id) {
        Document document = readable(caller, id);
        requireManage(caller, document);
        if (!document.isDeleted()) {
            throw new DocumentException("Move the document to the trash first.");
        }
        purge(document);
    }

    /** Trashed documents past the retention period, purged by the scheduled clean-up. */
    public int purgeExpired() {
        List<Document> expired = em.createQuery("select d from Document d where d.deletedAt < :before", Document.class)
                .setParameter("before", Instant.now().minus(Duration.ofDays(trashDays))).getResultList();
        expired.forEach(this::purge);
        return expired.size();
    }

    private void purge(Document document) {
        List<String> hashes = document.getVersions().stream().map(DocumentVersion::getSha256).distinct().toList();
        em.remove(document);
        blobsReleased.fire(new BlobsReleased(hashes));
        changes.record(ContentChange.Kind.DOCUMENT, document.getId());
    }

    public void retry(Caller caller, long versionId) {
        DocumentVersion version = readableVersion(caller, versionId);
        if (!access.may(caller, Action.UPLOAD, version.getDocument().getGroup())) {
            throw new NotAllowed("Only this group's committee can retry an extraction.");
        }
        if (!version.getExtractionState().isTerminal()) {
            return;
        }
        extractionRetry.fire(new ExtractionRetry(versionId));
    }

    public boolean mayEdit(Caller caller, Document document) {
        return access.may(caller, Action.MANAGE, document.getGroup())
                || (access.may(caller, Action.UPLOAD, document.getGroup()) && document.getCreatedBy().getId().equals(caller.accountId()));
    }

    public boolean mayManage(Caller caller, Document document) {
        return access.may(caller, Action.MANAGE, document.getGroup());
    }

    public int trashDays() {
        return trashDays;
    }

    /** The document, if the caller may change it (add a version, edit, delete); checked before any upload is staged. */
    public Document editable(Caller caller, long id) {
        Document document = readable(caller, id);
        if (document.isDeleted()) {
            throw new DocumentException("This document is in the trash; restore it first.");
        }
        if (!mayEdit(caller, document)) {
            throw new NotAllowed("Only this group's committee, or whoever uploaded it, can change this document.");
        }
        return document;
    }

    private void requireManage(Caller caller, Document document) {
        if (!access.may(caller, Action.MANAGE, document.getGroup())) {
            throw new NotAllowed("Only this group's committee can do this.");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : clip(text.strip(), 4000);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

package org.guildhall.documents.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.guildhall.groups.entity.Group;
import org.guildhall.identity.entity.Account;

/**
 * A document of a group: its title, description and tags, and its versions. The newest
 * version is the one shown and searched. A deleted document stays in the group's trash until
 * it is restored or purged.
 */
@Entity
@Table(name = "gh_document")
// the search index's entry, read as columns (see DocumentSource), from the newest version only (the
// unique (document_id, number) index finds it); named, so EclipseLink prepares them once
@NamedQuery(name = Document.ENTRY, query = "select new org.guildhall.documents.entity.DocumentEntry(d.title, d.updatedAt, g.id, g.slug,"
        + " v.id, v.fileName, v.author, v.mediaType, v.number)"
        + " from Document d join d.group g, DocumentVersion v where d.id = :document and d.deletedAt is null and v.document = d"
        + " and v.number = (select max(w.number) from DocumentVersion w where w.document = d)")
@NamedQuery(name = Document.TAGS, query = "select t from Document d join d.tags t where d.id = :document order by t")
public class Document implements Serializable {

    public static final String ENTRY = "Document.entry";
    public static final String TAGS = "Document.tags";

    @Id
    @SequenceGenerator(name = "document_seq", sequenceName = "gh_document_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "document_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    private Group group;

    @Column(nullable = false, length = 300)
    private String title;

    /** True once a person chose the title: extraction then no longer replaces it with the file's own. */
    @Column(name = "title_by_user", nullable = false)
    private boolean titleByUser;

    @Column(length = 4000)
    private String description;

    /** The newest version's kind (pdf, word, …): lists filter and sort by it in the database. */
    @Column(nullable = false, length = 16)
    private String kind;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "gh_document_tag", joinColumns = @JoinColumn(name = "document_id"))
    @Column(name = "tag", length = 64)
    private Set<String> tags = new TreeSet<>();

    @ManyToOne(optional = false)
    @JoinColumn(name = "created_by")
    private Account createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @OneToMany(mappedBy = "document", fetch = FetchType.EAGER)
    @OrderBy("number DESC")
    private List<DocumentVersion> versions = new ArrayList<>();

    protected Document() {
    }

    public Document(Group group, String title, boolean titleByUser, String description, Set<String> tags, Account createdBy, String kind) {
        this.group = group;
        this.kind = kind;
        this.title = title;
        this.titleByUser = titleByUser;
        this.description = description;
        this.tags = new TreeSet<>(tags);
        this.createdBy = createdBy;
    }

    public Long getId() {
        return id;
    }

    public Group getGroup() {
        return group;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title, boolean byUser) {
        this.title = title;
        this.titleByUser = this.titleByUser || byUser;
    }

    public boolean isTitleByUser() {
        return titleByUser;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Set<String> getTags() {
        return tags;
    }

    public void setTags(Set<String> tags) {
        this.tags.clear();
        this.tags.addAll(tags);
    }

    public Account getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** A new version arrived: the list shows its kind (pdf, word, …) and date. */
    public void versionAdded(DocumentVersion version, String kind) {
        this.versions.add(0, version);
        this.kind = kind;
        this.updatedAt = version.getUploadedAt();
    }

    public void touch() {
        this.updatedAt = Instant.now();
    }

    public String getKind() {
        return kind;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public void delete(Instant when) {
        this.deletedAt = when;
    }

    public void restore() {
        this.deletedAt = null;
    }

    /** Newest first. */
    public List<DocumentVersion> getVersions() {
        return versions;
    }

    public DocumentVersion getCurrent() {
        return versions.isEmpty() ? null : versions.get(0);
    }
}

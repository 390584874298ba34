package org.guildhall.documents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.guildhall.identity.entity.Account;

/**
 * One uploaded file of a document: which blob holds its bytes, what it is, who uploaded it,
 * and what text extraction made of it (state, reason, and the metadata the file carried).
 */
@Entity
@Table(name = "gh_document_version")
public class DocumentVersion implements Serializable {

    @Id
    @SequenceGenerator(name = "document_version_seq", sequenceName = "gh_document_version_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "document_version_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "document_id")
    private Document document;

    @Column(nullable = false)
    private int number;

    @Column(name = "blob_sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "media_type", nullable = false, length = 200)
    private String mediaType;

    /** The uploaded file's name, cleaned for display; never used as a path. */
    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @ManyToOne(optional = false)
    @JoinColumn(name = "uploaded_by")
    private Account uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt = Instant.now();

    @Enumerated(EnumType.STRING)
    @Column(name = "extraction_state", nullable = false, length = 16)
    private ExtractionState extractionState = ExtractionState.PENDING;

    @Column(name = "extraction_reason", length = 1000)
    private String extractionReason;

    @Column(name = "meta_author", length = 300)
    private String author;

    @Column(name = "meta_created")
    private Instant created;

    @Column(name = "meta_language", length = 16)
    private String language;

    @Column(name = "meta_pages")
    private Integer pages;

    protected DocumentVersion() {
    }

    public DocumentVersion(Document document, int number, String sha256, long size, String mediaType, String fileName, Account uploadedBy) {
        this.document = document;
        this.number = number;
        this.sha256 = sha256;
        this.size = size;
        this.mediaType = mediaType;
        this.fileName = fileName;
        this.uploadedBy = uploadedBy;
    }

    /** Records what extraction found; the state tells whether it is over. */
    public void extracted(ExtractionState state, String reason, String author, Instant created, String language, Integer pages) {
        this.extractionState = state;
        this.extractionReason = reason;
        this.author = author;
        this.created = created;
        this.language = language;
        this.pages = pages;
    }

    public void extractionState(ExtractionState state, String reason) {
        this.extractionState = state;
        this.extractionReason = reason;
    }

    public Long getId() {
        return id;
    }

    public Document getDocument() {
        return document;
    }

    public int getNumber() {
        return number;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }

    public String getMediaType() {
        return mediaType;
    }

    public String getFileName() {
        return fileName;
    }

    public Account getUploadedBy() {
        return uploadedBy;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }

    public ExtractionState getExtractionState() {
        return extractionState;
    }

    public String getExtractionReason() {
        return extractionReason;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getCreated() {
        return created;
    }

    public String getLanguage() {
        return language;
    }

    public Integer getPages() {
        return pages;
    }
}

package org.guildhall.extraction.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * Text extracted from one version: part 0 is the file itself, the others its embedded entries
 * (zip members, mail attachments, objects in office files) with the entry's path. Kept in the
 * database, apart from any index, so the search index can be rebuilt without running Tika again.
 */
@Entity
@Table(name = "gh_extracted_part")
// paths and texts alone: their readers (the search index, the text's API) need nothing else
@NamedQuery(name = ExtractedPart.OF_VERSION, query = "select p.path, p.content from ExtractedPart p where p.versionId = :version order by p.seq")
public class ExtractedPart {

    public static final String OF_VERSION = "ExtractedPart.ofVersion";

    @Id
    @SequenceGenerator(name = "extracted_part_seq", sequenceName = "gh_extracted_part_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "extracted_part_seq")
    private Long id;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(nullable = false)
    private int seq;

    @Column(length = 1000)
    private String path;

    // no @Lob: a plain string maps to H2's CLOB and PostgreSQL's text alike
    @Column(nullable = false)
    private String content;

    protected ExtractedPart() {
    }

    public ExtractedPart(long versionId, int seq, String path, String content) {
        this.versionId = versionId;
        this.seq = seq;
        this.path = path;
        this.content = content;
    }

    public long getVersionId() {
        return versionId;
    }

    public int getSeq() {
        return seq;
    }

    public String getPath() {
        return path;
    }

    public String getContent() {
        return content;
    }
}

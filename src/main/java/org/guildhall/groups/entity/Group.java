package org.guildhall.groups.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A special-interest group. The slug is its stable name in URLs. */
@Entity
@Table(name = "gh_group")
@NamedQuery(name = Group.BY_SLUG, query = "select g from Group g where g.slug = :slug")
public class Group implements java.io.Serializable {

    public static final String BY_SLUG = "Group.bySlug";

    @Id
    @SequenceGenerator(name = "group_seq", sequenceName = "gh_group_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "group_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 4000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Visibility visibility = Visibility.PUBLIC;

    @Enumerated(EnumType.STRING)
    @Column(name = "join_policy", nullable = false, length = 16)
    private JoinPolicy joinPolicy = JoinPolicy.OPEN;

    @Column(name = "members_may_upload", nullable = false)
    private boolean membersMayUpload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Group() {
    }

    public Group(String slug, String name, String description, Visibility visibility, JoinPolicy joinPolicy) {
        this.slug = slug;
        this.name = name;
        this.description = description;
        this.visibility = visibility;
        this.joinPolicy = joinPolicy;
    }

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Visibility getVisibility() {
        return visibility;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public JoinPolicy getJoinPolicy() {
        return joinPolicy;
    }

    public void setJoinPolicy(JoinPolicy joinPolicy) {
        this.joinPolicy = joinPolicy;
    }

    public boolean isMembersMayUpload() {
        return membersMayUpload;
    }

    public void setMembersMayUpload(boolean membersMayUpload) {
        this.membersMayUpload = membersMayUpload;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

package org.guildhall.groups.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.guildhall.identity.entity.Account;

/**
 * An account's place in a group. A pending join request is a membership in state
 * {@link Status#REQUESTED}: it grants nothing until the committee approves it.
 */
@Entity
@Table(name = "gh_membership")
@NamedQuery(name = Membership.OF, query = "select m from Membership m where m.group.id = :group and m.account.id = :account")
@NamedQuery(name = Membership.OF_GROUP, query = "select m from Membership m where m.group.id = :group order by m.status, m.role desc, m.account.displayName")
@NamedQuery(name = Membership.OF_ACCOUNT, query = "select m from Membership m where m.account.id = :account and m.status = :active order by m.group.name")
public class Membership implements java.io.Serializable {

    public static final String OF = "Membership.of";
    public static final String OF_GROUP = "Membership.ofGroup";
    public static final String OF_ACCOUNT = "Membership.ofAccount";

    /**
     * A state, not a boolean: EclipseLink writes boolean query values as 1 and 0, which H2 2
     * refuses to compare with a BOOLEAN column.
     */
    public enum Status { ACTIVE, REQUESTED }

    @Id
    @SequenceGenerator(name = "membership_seq", sequenceName = "gh_membership_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "membership_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "group_id")
    private Group group;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role = Role.MEMBER;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Membership() {
    }

    public Membership(Group group, Account account, Role role, boolean approved) {
        this.group = group;
        this.account = account;
        this.role = role;
        this.status = approved ? Status.ACTIVE : Status.REQUESTED;
    }

    public Long getId() {
        return id;
    }

    public Group getGroup() {
        return group;
    }

    public Account getAccount() {
        return account;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public boolean isApproved() {
        return status == Status.ACTIVE;
    }

    public void approve() {
        this.status = Status.ACTIVE;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

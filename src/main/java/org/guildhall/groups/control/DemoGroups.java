package org.guildhall.groups.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Membership;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.entity.Account;
import org.guildhall.platform.control.DemoSeeding;

/** Demo groups covering every visibility and join policy, with committees and members. */
@ApplicationScoped
public class DemoGroups {

    @PersistenceContext
    EntityManager em;

    @Transactional
    void seed(@Observes @Priority(200) DemoSeeding seeding) {
        Group cataloguing = group("cataloguing", "Cataloguing & Metadata",
                "Standards, authority control and metadata workflows: RDA, MARC, BIBFRAME and linked data.",
                Visibility.PUBLIC, JoinPolicy.OPEN);
        Group health = group("health-libraries", "Health Libraries",
                "Clinical librarians and knowledge services in hospitals, universities and the NHS.",
                Visibility.PUBLIC, JoinPolicy.REQUEST);
        Group careers = group("career-development", "Career Development",
                "Mentoring, chartership and continuing professional development for library staff.",
                Visibility.PUBLIC, JoinPolicy.OPEN);
        Group board = group("board", "Board of Trustees",
                "The association's trustees: minutes and papers for board members only.",
                Visibility.MEMBERS, JoinPolicy.INVITE);

        member(cataloguing, "carol", Role.COMMITTEE);
        member(health, "hana", Role.COMMITTEE);
        member(careers, "cody", Role.COMMITTEE);
        member(board, "admin", Role.COMMITTEE);
        member(board, "carol", Role.MEMBER);
        member(cataloguing, "mia", Role.MEMBER);
        member(careers, "mia", Role.MEMBER);
        member(health, "mia", Role.MEMBER);
        member(cataloguing, "hana", Role.MEMBER);
    }

    private Group group(String slug, String name, String description, Visibility visibility, JoinPolicy policy) {
        Group group = new Group(slug, name, description, visibility, policy);
        em.persist(group);
        return group;
    }

    private void member(Group group, String username, Role role) {
        Account account = em.createNamedQuery(Account.BY_USERNAME, Account.class).setParameter("username", username).getSingleResult();
        em.persist(new Membership(group, account, role, true));
    }
}

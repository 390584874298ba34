package org.guildhall.search.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Set;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.groups.entity.Role;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.control.Clock;
import org.guildhall.search.control.Readers;

/** The permission filter's keys for a caller, from {@code GroupAccess}, the one place that decides who reads what. */
@ApplicationScoped
public class SearchReaders {

    @Inject
    GroupAccess access;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Readers of(Caller caller) {
        Set<String> keys = new HashSet<>();
        keys.add(Readers.EVERYONE);
        if (!caller.isAnonymous()) {
            keys.add(Readers.SIGNED_IN);
        }
        for (GroupAccess.Standing standing : access.standings(caller)) {
            keys.add(Readers.group(standing.groupId()));
            if (standing.role() != null) {
                keys.add(Readers.member(standing.groupId()));
            }
            if (standing.role() == Role.COMMITTEE) {
                keys.add(Readers.committee(standing.groupId()));
            }
        }
        // the portal clock, so scheduled announcements appear in search exactly when they appear on their board
        return new Readers(keys, clock.now());
    }
}

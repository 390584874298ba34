package org.guildhall.search.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.identity.entity.Caller;
import org.guildhall.search.control.Readers;

/** The permission filter's keys for a caller, from {@code GroupAccess}, the one place that decides who reads what. */
@ApplicationScoped
public class SearchReaders {

    @Inject
    GroupAccess access;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Readers of(Caller caller) {
        Set<String> keys = new HashSet<>();
        keys.add(Readers.EVERYONE);
        if (!caller.isAnonymous()) {
            keys.add(Readers.SIGNED_IN);
        }
        for (long groupId : access.readableGroupIds(caller)) {
            keys.add(Readers.group(groupId));
        }
        for (long groupId : access.committeeGroupIds(caller)) {
            keys.add(Readers.committee(groupId));
        }
        return new Readers(keys, Instant.now());
    }
}

package org.guildhall.search.control;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is searching, as the permission filter matches it: the access keys the reader holds
 * (an entry is visible when it carries one of them) and the moment of the search (an entry
 * with a later {@code visibleFrom}, a scheduled announcement, is not visible yet).
 * {@code GroupAccess} decides which keys a caller holds; this class only names them.
 */
public record Readers(Set<String> keys, Instant now) {

    /** Everything readable in a group: its documents, its members' announcements. */
    public static String group(long groupId) {
        return "group:" + groupId;
    }

    /** What a group's approved members read, committee included (members-audience announcements). */
    public static String member(long groupId) {
        return "member:" + groupId;
    }

    /** What only a group's committee reads (committee-audience announcements). */
    public static String committee(long groupId) {
        return "committee:" + groupId;
    }

    /** What anyone may read, logged in or not (public-audience announcements). */
    public static final String EVERYONE = "everyone";
    /** What every logged-in account may read (site-wide announcements to members). */
    public static final String SIGNED_IN = "signed-in";

    public Readers {
        keys = keys == null ? Set.of() : Set.copyOf(keys);
        now = now == null ? Instant.now() : now;
    }

    /** Readers of these groups' content, now. */
    public static Readers ofGroups(Collection<Long> groupIds) {
        return new Readers(groupIds == null ? Set.of() : groupIds.stream().map(Readers::group).collect(Collectors.toSet()),
                Instant.now());
    }
}

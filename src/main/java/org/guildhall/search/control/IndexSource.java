package org.guildhall.search.control;

import java.util.List;
import java.util.Optional;
import org.guildhall.platform.entity.ContentChange;

/**
 * One owner's content as the index needs it, read from the database (the truth). One
 * implementation per kind of content; the index finds them all by CDI.
 */
public interface IndexSource {

    ContentChange.Kind kind();

    /** The id of this entity's index entry, such as {@code doc-42}. */
    String entryId(long entityId);

    /** The entity's entry; empty when it must not be in the index (gone, trashed, never stored). */
    Optional<SearchDocument> read(long entityId);

    /** Every entity that must be in the index, with its group: the consistency check's side of the database. */
    List<Live> live();

    /** An entity that must be in the index, under this group. */
    record Live(long entityId, long groupId) {
    }
}

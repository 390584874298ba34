package org.guildhall.platform.control;

import org.guildhall.platform.entity.ContentChange;

/**
 * A piece of indexed content changed (created, edited, trashed, restored, purged, its text
 * extracted). Fired in the changing transaction; observers that act on it do so after commit.
 *
 * @param seq the change sequence number the change took
 */
public record ContentChanged(ContentChange.Kind kind, long entityId, long seq) {
}

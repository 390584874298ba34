package org.guildhall.platform.control;

import org.guildhall.platform.entity.ContentChange;

/**
 * A piece of indexed content changed (created, edited, trashed, restored, purged, its text
 * extracted). Fired in the changing transaction; observers that act on it do so after commit.
 *
 * @param seq      the change sequence number the change took
 * @param addition true when the change only adds what readers may see (a new document or
 *                 version, extracted text) and hides nothing: such a change may become visible a
 *                 moment later, while one that may hide something must be in effect before the
 *                 changing request is answered
 */
public record ContentChanged(ContentChange.Kind kind, long entityId, long seq, boolean addition) {
}

package org.guildhall.documents.entity;

import java.time.Instant;

/**
 * What the search index holds of a document and one of its versions, read as columns by
 * {@link Document#ENTRY} rather than as managed entities (see the search's DocumentSource).
 * The component types are the entities' attribute types: EclipseLink looks the constructor up by them.
 */
public record DocumentEntry(String title, Instant updatedAt, Long groupId, String groupSlug, Long versionId, String fileName,
        String author, String mediaType, int number) {
}
